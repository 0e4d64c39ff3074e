/*
 * Fuzz target for the ISO 8601 parsers of src/base/isotime.c: any bytes go
 * to every parser; a date-time that parses is formatted and parsed again and
 * must give the same instant.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256)
		return 0;
	char s[257];
	memcpy(s, data, size);
	s[size] = '\0';
	struct tz *z;
	if (tz_parse_posix("CET", "CET-1CEST,M3.5.0,M10.5.0/3", &z, NULL))
		abort();
	struct err e = { 0 };
	unsigned col = 0;
	int64_t t, days;
	int32_t secs;
	struct iso_range r;
	/* years 0001..9998, so the zone's local year still has four digits */
	const int64_t lo = -62135596800LL, hi = 253370764800LL;
	int rc = iso_parse_datetime(s, z, &t, &e, &col);
	if (rc == 0 && t >= lo && t < hi) {
		char buf[ISO_BUFSZ];
		int64_t back;
		iso_format_local(z, t, buf);
		if (iso_parse_datetime(buf, NULL, &back, &e, NULL) != 0 || back != t)
			abort();
	} else if (rc != 0 && (col < 1 || col > size + 1)) {
		abort(); /* the column must point into the input or just past it */
	}
	iso_parse_date(s, &days, &e, &col);
	iso_parse_clock(s, &secs, &e, &col);
	if (iso_parse_period(s, z, &r, &e, &col) == 0 && !(r.start < r.end))
		abort();
	tz_free(z);
	return 0;
}
