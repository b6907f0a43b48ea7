#ifndef CASELOAD_UI_TERM_H
#define CASELOAD_UI_TERM_H
/* The terminal: the only global state of the program (the curses screen and the signal
 * flag). Signal handlers only set the flag or, for crashes, write precomputed bytes that
 * undo what curses did, then die: no curses calls inside a handler. */
#include <signal.h>
#include <stdbool.h>

extern volatile sig_atomic_t ui_term_signal; /* the signal that asks us to quit, or 0 */

/* Takes the terminal: alternate screen, raw keys, colors (unless NO_COLOR), handlers.
 * Returns false (and prints why to stderr) when there is no usable terminal. */
bool ui_term_start(void);
/* Gives the terminal back: screen cleared, cursor shown, echo on, alternate screen left. */
void ui_term_stop(void);
bool ui_term_colors(void);

#endif
