#include "editor.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caseload/strbuf.h"

extern char **environ;

static bool editor_write_all(int fd, const char *text, size_t len)
{
	while (len) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		text += n;
		len -= (size_t)n;
	}
	return true;
}

/* Overwrites the file's bytes before removing it: the note's text should not outlive the
 * edit in free blocks any longer than it must. */
static void editor_discard(const char *path)
{
	int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		struct stat st;
		if (fstat(fd, &st) == 0 && st.st_size > 0) {
			char zeros[4096] = {0};
			off_t left = st.st_size;
			while (left > 0) {
				size_t n = left < (off_t)sizeof zeros ? (size_t)left : sizeof zeros;
				if (!editor_write_all(fd, zeros, n))
					break;
				left -= (off_t)n;
			}
			fsync(fd);
		}
		close(fd);
	}
	unlink(path);
}

static bool editor_read_back(const char *path, size_t max_bytes, struct strbuf *out, char *err,
			     size_t errsz)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errsz, "The edited text could not be read back: %s", strerror(errno));
		return false;
	}
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || out->len + (size_t)n > max_bytes) {
			if (n < 0)
				snprintf(err, errsz, "The edited text could not be read back: %s",
					 strerror(errno));
			else
				snprintf(err, errsz, "The edited text is longer than %zu KB: kept the "
						     "text as it was", max_bytes / 1024);
			close(fd);
			return false;
		}
		strbuf_append(out, buf, (size_t)n);
	}
	close(fd);
	if (memchr(out->buf, '\0', out->len)) {
		snprintf(err, errsz, "The edited text holds NUL bytes: kept the text as it was");
		return false;
	}
	if (out->len && out->buf[out->len - 1] == '\n') /* editors end files with a newline */
		out->buf[--out->len] = '\0';
	return true;
}

/* Runs `sh -c '$cmd "$1"' sh path` so that an editor setting with options ("vim -n") works
 * the way it does for git and mail, and waits for it with the terminal handed over. */
static bool editor_spawn_wait(const char *path, char *err, size_t errsz)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	struct strbuf cmd;
	strbuf_init(&cmd);
	strbuf_printf(&cmd, "%s \"$1\"", editor);
	char *argv[] = {"sh", "-c", cmd.buf, "sh", (char *)path, NULL};

	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	sigset_t defaults, none;
	sigfillset(&defaults);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

	/* Ctrl-C in the editor belongs to the editor: the program waits it out */
	struct sigaction ignore, old_int, old_quit;
	memset(&ignore, 0, sizeof ignore);
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);

	def_prog_mode();
	endwin();
	pid_t pid;
	int rc = posix_spawn(&pid, "/bin/sh", NULL, &attr, argv, environ);
	int status = 0;
	if (rc == 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	posix_spawnattr_destroy(&attr);
	strbuf_clear(&cmd);
	if (rc != 0) {
		snprintf(err, errsz, "The editor could not be started: %s", strerror(rc));
		return false;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(err, errsz, "The editor did not finish cleanly (status %d): kept the text "
				     "as it was", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return false;
	}
	return true;
}

bool ui_editor_run(const char *text, size_t max_bytes, char **out, char *err, size_t errsz)
{
	*out = NULL;
	const char *dir = getenv("TMPDIR");
	struct strbuf path;
	strbuf_init(&path);
	strbuf_printf(&path, "%s/caseload-note-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path.buf); /* 0600, created afresh: no one else's file is reused */
	if (fd < 0) {
		snprintf(err, errsz, "No temporary file for the editor: %s", strerror(errno));
		strbuf_clear(&path);
		return false;
	}
	bool ok = editor_write_all(fd, text, strlen(text)) && fsync(fd) == 0;
	close(fd);
	if (!ok)
		snprintf(err, errsz, "The text could not be written for the editor: %s",
			 strerror(errno));
	struct strbuf edited;
	strbuf_init(&edited);
	ok = ok && editor_spawn_wait(path.buf, err, errsz) &&
	     editor_read_back(path.buf, max_bytes, &edited, err, errsz);
	editor_discard(path.buf);
	strbuf_clear(&path);
	if (ok && strcmp(edited.buf, text) != 0)
		*out = strbuf_detach(&edited);
	strbuf_clear(&edited);
	return ok;
}
