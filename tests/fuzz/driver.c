/*
 * Replay driver for the fuzz targets: calls LLVMFuzzerTestOneInput on each
 * file named on the command line (the seed corpus) and prints one TAP line
 * per file, so `make test` runs the regression half of fuzzing without
 * libFuzzer. A crash or sanitizer report fails the run.
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
		size_t cap = 1 << 16, n = 0;
		uint8_t *buf = malloc(cap);
		size_t got;
		while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
			n += got;
			if (n == cap) {
				uint8_t *bigger = realloc(buf, cap * 2);
				if (!bigger)
					break;
				buf = bigger;
				cap *= 2;
			}
		}
		fclose(f);
		if (!buf)
			abort();
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
		printf("ok %d - %s\n", i, argv[i]);
	}
	return failed;
}
