/*
 * Fuzz target for the TZif reader of src/base/tz.c: parse bytes from memory,
 * and when they make a zone, use it (conversions both ways, transitions of a
 * century). The bytes are also tried as a POSIX TZ rule. Seeds are zones of
 * the IANA tz database (public domain) from Debian's tzdata, one of them cut
 * down to version 1.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tz *z;
	struct err e = { 0 };
	if (tz_parse("fuzz", data, size, &z, &e) == 0) {
		const int64_t y1900 = -2208988800LL, y2100 = 4102444800LL;
		for (int64_t t = y1900; t < y2100; t += 86400 * 97 + 3599) {
			struct tz_local l;
			tz_to_local(z, t, &l);
			int64_t back = tz_from_wall(z, t + l.offset);
			(void)back;
		}
		size_t n;
		struct tz_transition *v = tz_transitions(z, y1900, y2100, &n);
		for (size_t i = 0; i < n; i++)
			if (v[i].at < y1900 || v[i].at >= y2100 || (i && v[i].at <= v[i - 1].at))
				abort();
		free(v);
		tz_free(z);
	}
	if (size < 200) {
		char s[200];
		memcpy(s, data, size);
		s[size] = '\0';
		if (tz_parse_posix("fuzz", s, &z, &e) == 0) {
			tz_offset_at(z, 0);
			tz_offset_at(z, 4102444800LL);
			tz_free(z);
		}
	}
	return 0;
}
