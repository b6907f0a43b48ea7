#include "term.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "caseload/ui.h"

volatile sig_atomic_t ui_term_signal;

static bool term_active;
static bool term_has_colors;
static struct termios term_saved;
static bool term_saved_valid;
/* What a crash handler writes: leave the alternate screen, show the cursor, reset colors,
 * clear. Built before curses starts so the handler only calls write(2). */
static char term_crash_bytes[256];
static size_t term_crash_len;

static void term_add_cap(const char *cap)
{
	if (!cap || cap == (char *)-1)
		return;
	size_t n = strlen(cap);
	if (term_crash_len + n < sizeof term_crash_bytes) {
		memcpy(term_crash_bytes + term_crash_len, cap, n);
		term_crash_len += n;
	}
}

static void term_build_crash_bytes(void)
{
	term_crash_len = 0;
	term_add_cap(tigetstr("sgr0"));
	term_add_cap(tigetstr("clear"));
	term_add_cap(tigetstr("cnorm"));
	term_add_cap(tigetstr("rmkx"));
	term_add_cap(tigetstr("rmcup"));
	/* the alternate screen is gone now: clear the normal one too, no record text stays */
	term_add_cap(tigetstr("clear"));
}

static void term_on_quit_signal(int sig)
{
	ui_term_signal = sig;
}

static void term_on_crash(int sig)
{
	if (term_active) {
		ssize_t ignored = write(STDOUT_FILENO, term_crash_bytes, term_crash_len);
		(void)ignored;
		if (term_saved_valid)
			tcsetattr(STDIN_FILENO, TCSANOW, &term_saved);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void term_install_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = term_on_quit_signal;
	/* no SA_RESTART: a pending read returns so the main loop sees the flag at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = term_on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
}

bool ui_term_colors(void)
{
	return term_has_colors;
}

static void term_restore_at_exit(void)
{
	ui_term_stop();
}

bool ui_term_start(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("caseload: the full-screen interface needs a terminal "
		      "(see caseload --help for commands)\n",
		      stderr);
		return false;
	}
	term_saved_valid = tcgetattr(STDIN_FILENO, &term_saved) == 0;
	/* setupterm first so the crash bytes exist before the screen changes */
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, "caseload: unknown terminal type '%s'\n",
			getenv("TERM") ? getenv("TERM") : "");
		return false;
	}
	term_build_crash_bytes();
	term_install_handlers();
	if (!initscr())
		return false;
	term_active = true;
	atexit(term_restore_at_exit);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	const char *no_color = getenv("NO_COLOR");
	term_has_colors = has_colors() && !(no_color && *no_color);
	if (term_has_colors) {
		start_color();
		use_default_colors();
	}
	return true;
}

void ui_term_stop(void)
{
	if (!term_active)
		return;
	term_active = false;
	erase();
	refresh();
	curs_set(1);
	endwin();
}

void ui_term_restore(void)
{
	ui_term_stop();
}
