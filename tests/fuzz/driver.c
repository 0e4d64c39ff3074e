/*
 * Replays a fuzz target's inputs without libFuzzer: each file argument is
 * read and passed to LLVMFuzzerTestOneInput; prints TAP "ok N - file".
 * A crash or sanitizer report fails the run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int failed = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			printf("not ok %d - %s (cannot open)\n", i, argv[i]);
			failed = 1;
			continue;
		}
		size_t n = 0, alloc = 4096;
		uint8_t *buf = malloc(alloc);
		size_t r;
		while (buf && (r = fread(buf + n, 1, alloc - n, f)) > 0) {
			n += r;
			if (n == alloc) {
				uint8_t *nb = realloc(buf, alloc *= 2);
				if (!nb) {
					free(buf);
					buf = NULL;
				} else {
					buf = nb;
				}
			}
		}
		fclose(f);
		if (!buf) {
			printf("not ok %d - %s (out of memory)\n", i, argv[i]);
			failed = 1;
			continue;
		}
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
		printf("ok %d - %s\n", i, argv[i]);
	}
	return failed;
}
