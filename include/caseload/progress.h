#ifndef CASELOAD_PROGRESS_H
#define CASELOAD_PROGRESS_H
/* Progress of long command-line work on stderr: a self-updating line on a terminal,
 * nothing at all when stderr is a pipe or a file. */
#include <stdbool.h>
#include <stddef.h>

struct progress {
	const char *label;
	bool enabled;
	double last_shown; /* seconds, to draw at most ten times a second */
	double started;
};

void progress_init(struct progress *progress, const char *label);
/* Matches the demo generator's callback; ctx is a struct progress. */
void progress_update(void *ctx, size_t done, size_t total);
/* Ends the line (when one was drawn). */
void progress_finish(struct progress *progress);

#endif
