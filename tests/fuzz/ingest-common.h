/*
 * The body shared by the ingest fuzz targets: read every record of the input
 * in one format. Each record must be good (with the required fields set and
 * text of the length given) or bad with a location and a known reason; the
 * reader must end.
 */
#ifndef KOERS_FUZZ_INGEST_H
#define KOERS_FUZZ_INGEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listen/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_ingest(enum ingest_format f, const uint8_t *data, size_t size, const char *map)
{
	if (size == 0)
		return 0;
	FILE *in = fmemopen((void *)data, size, "r");
	if (!in)
		return 0;
	struct ingest_options o = { .csv_map = map, .platform = "web", .lang = LANG_EN };
	struct ingest_reader *r;
	struct err e = { 0 };
	if (ingest_open(&r, f, in, "fuzz", &o, &e) < 0)
		abort();
	struct mention m;
	struct ingest_problem p;
	int k;
	unsigned long records = 0;
	while ((k = ingest_next(r, &m, &p, &e)) > 0) {
		if (++records > size + 1)
			abort(); /* more records than bytes: the reader does not advance */
		if (k == INGEST_BAD) {
			if (p.reason >= INGEST_R__COUNT || p.line == 0 || p.record == 0 || !strstr(p.msg, "line "))
				abort();
			continue;
		}
		if (!m.id || !*m.id || !m.platform || !m.text || strlen(m.text) > m.text_len)
			abort();
	}
	ingest_free(r);
	fclose(in);
	return 0;
}

#endif
