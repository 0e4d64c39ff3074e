/*
 * Replays fuzz inputs without libFuzzer: each file argument is read and
 * passed to LLVMFuzzerTestOneInput; one TAP line per file. `make test` runs
 * every target over its seed corpus tests/fuzz/corpus/NAME/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int failed = 0;
	printf("1..%d\n", argc - 1);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			printf("not ok %d - %s (cannot open)\n", i, argv[i]);
			failed = 1;
			continue;
		}
		size_t cap = 1 << 16, n = 0;
		uint8_t *buf = malloc(cap);
		size_t k;
		while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
			n += k;
			if (n == cap) {
				uint8_t *nb = realloc(buf, cap *= 2);
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
