#ifndef CASELOAD_UI_H
#define CASELOAD_UI_H
/* The full-screen interface. ui_run owns the terminal from start to exit and restores it
 * on every path out: normal exit, SIGINT, SIGTERM, SIGHUP and crashes. */
#include "caseload/app.h"

/* Runs the TUI over an opened app until the user quits. Returns the process exit status
 * (0, or 128+signal when a signal ended it). */
int ui_run(struct app *app);

/* Restores the terminal if the TUI holds it; safe to call at any time, more than once. */
void ui_term_restore(void);

#endif
