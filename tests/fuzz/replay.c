/* Replays a fuzzing corpus without libFuzzer: feeds every file of each directory (or each
 * file) named on the command line to LLVMFuzzerTestOneInput, in name order, so that inputs
 * which once crashed keep being run by the ordinary test suite. Fails when it finds no
 * input at all, so that a lost corpus does not pass silently. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, len = 0;
	unsigned char *data = malloc(cap);
	size_t n;
	while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			unsigned char *more = realloc(data, cap *= 2);
			if (!more)
				free(data);
			data = more;
		}
	}
	fclose(f);
	if (!data) {
		fprintf(stderr, "%s: out of memory\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file in dir; returns how many, or -1 on error. */
static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return -1;
	}
	char **names = NULL;
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char **more = realloc(names, (count + 1) * sizeof *names);
		if (!more)
			break;
		names = more;
		names[count++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, count, sizeof *names, by_name);
	int done = 0;
	for (size_t i = 0; i < count; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		struct stat st;
		if (names[i] && stat(path, &st) == 0 && S_ISREG(st.st_mode) && replay_file(path) > 0)
			done++;
		free(names[i]);
	}
	free(names);
	return done;
}

int main(int argc, char **argv)
{
	int total = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		int n = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? replay_dir(argv[i])
								      : replay_file(argv[i]);
		if (n < 0)
			return EXIT_FAILURE;
		total += n;
	}
	printf("replayed %d inputs\n", total);
	return total > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
