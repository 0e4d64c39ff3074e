/*
 * Replay driver for the fuzz targets: reads each file named on the command
 * line, passes it to LLVMFuzzerTestOneInput and prints a TAP line per file.
 * `make fuzz` links the targets with libFuzzer instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			printf("not ok %d - %s (cannot open)\n", i, argv[i]);
			continue;
		}
		uint8_t *buf = NULL;
		size_t len = 0, cap = 0, n;
		uint8_t chunk[65536];
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			if (len + n > cap) {
				cap = (len + n) * 2;
				uint8_t *p = realloc(buf, cap);
				if (!p)
					abort();
				buf = p;
			}
			for (size_t k = 0; k < n; k++)
				buf[len + k] = chunk[k];
			len += n;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf ? buf : (const uint8_t *)"", len);
		free(buf);
		printf("ok %d - %s\n", i, argv[i]);
	}
	return 0;
}
