#include "caseload/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double progress_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *progress, const char *label)
{
	progress->label = label;
	progress->enabled = isatty(STDERR_FILENO);
	progress->started = progress_seconds();
	progress->last_shown = 0;
}

void progress_update(void *ctx, size_t done, size_t total)
{
	struct progress *progress = ctx;
	if (!progress->enabled)
		return;
	double now = progress_seconds();
	if (done < total && now - progress->last_shown < 0.1)
		return;
	progress->last_shown = now;
	int percent = total ? (int)(done * 100 / total) : 100;
	fprintf(stderr, "\r%s: %3d%% (%zu of %zu, %.1f s)\033[K", progress->label, percent, done,
		total, now - progress->started);
	fflush(stderr);
}

void progress_finish(struct progress *progress)
{
	if (progress->enabled && progress->last_shown > 0)
		fputc('\n', stderr);
}
