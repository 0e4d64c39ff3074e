/* The classifiers' word table; see lexmap.h. */
#include "listen/lexmap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "listen/words.h"

/* 32768 bits: a few percent set by the Dutch lexicons' some thousand prefixes */
#define NL_PREFIX_BITS 32768u
/*
 * A bit per hash value (its top bits) for the keys in the map. Most lookups
 * are of words not in it (61 % on the bench mentions); the filter answers
 * 85 % of those from its 32 KiB, which stay in the cache, where a slot of
 * the 2 MiB table mostly missed it (listen classify 1362 -> 1316 ms).
 */
#define FILTER_LOG2 18

struct slot {
	uint64_t hash;
	uint32_t key; /* offset in keys, +1; 0: empty */
	uint32_t len;
	struct lexent e;
};

struct lexmap {
	struct slot *slots;
	size_t cap, n; /* cap is a power of two, kept at most half full */
	char *keys;
	size_t keys_len, keys_alloc;
	int nl_indexed;
	uint64_t nl_prefix[NL_PREFIX_BITS / 64];
	uint64_t filter[(1u << FILTER_LOG2) / 64];
};

static uint32_t filter_bit(uint64_t hash) { return (uint32_t)(hash >> (64 - FILTER_LOG2)); }

struct lexmap *lexmap_new(void)
{
	struct lexmap *m = xcalloc(1, sizeof(*m));
	m->cap = 1024;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void lexmap_free(struct lexmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m->keys);
	free(m);
}

size_t lexmap_count(const struct lexmap *m) { return m->n; }

/*
 * Keys are compared with memcmp: glibc's compares a short key without a
 * loop, where a byte loop mispredicted its exit at every hit (measured).
 */
static struct slot *find(const struct lexmap *m, const char *key, size_t len, uint64_t hash)
{
	for (size_t i = hash & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->slots[i];
		if (!s->key || (s->hash == hash && s->len == len && !memcmp(m->keys + s->key - 1, key, len)))
			return s;
	}
}

static void grow(struct lexmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;
	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key) {
			struct slot *s = find(m, m->keys + old[i].key - 1, old[i].len, old[i].hash);
			*s = old[i];
		}
	free(old);
}

struct lexent *lexmap_put(struct lexmap *m, const char *key, size_t len)
{
	uint64_t hash = words_hash(key, len);
	struct slot *s = find(m, key, len, hash);
	if (s->key)
		return &s->e;
	if (2 * (m->n + 1) > m->cap) {
		grow(m);
		s = find(m, key, len, hash);
	}
	ALLOC_GROW(m->keys, m->keys_len + len + 1, m->keys_alloc);
	memcpy(m->keys + m->keys_len, key, len);
	m->keys[m->keys_len + len] = '\0';
	s->hash = hash;
	m->filter[filter_bit(hash) / 64] |= 1ull << (filter_bit(hash) % 64);
	s->key = (uint32_t)m->keys_len + 1;
	s->len = (uint32_t)len;
	memset(&s->e, 0, sizeof(s->e));
	m->keys_len += len + 1;
	m->n++;
	return &s->e;
}

struct lexent *lexmap_put_word(struct lexmap *m, const char *word)
{
	char buf[256];
	size_t n = words_fold(word, strlen(word), buf, sizeof(buf));
	return lexmap_put(m, buf, n);
}

const struct lexent *lexmap_get(const struct lexmap *m, const char *key, size_t len, uint64_t hash)
{
	uint32_t b = filter_bit(hash);
	if (!((m->filter[b / 64] >> (b % 64)) & 1))
		return NULL;
	const struct slot *s = find(m, key, len, hash);
	return s->key ? &s->e : NULL;
}

void lexmap_words(const struct lexmap *m, struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		ws->lex[i] = lexmap_get(m, ws->buf + ws->w[i].off, ws->w[i].len, ws->w[i].hash);
	ws->lex_of = m;
}

static uint32_t prefix_bit(const char *s)
{
	return (uint32_t)(words_hash(s, 3) % NL_PREFIX_BITS);
}

void lexmap_index_nl(struct lexmap *m)
{
	memset(m->nl_prefix, 0, sizeof(m->nl_prefix));
	for (size_t i = 0; i < m->cap; i++) {
		const struct slot *s = &m->slots[i];
		if (!s->key || !s->e.has[LEX_NL] || s->len < 3)
			continue;
		uint32_t b = prefix_bit(m->keys + s->key - 1);
		m->nl_prefix[b / 64] |= 1ull << (b % 64);
	}
	m->nl_indexed = 1;
}

int lexmap_nl_prefix(const struct lexmap *m, const char *s, size_t n)
{
	if (!m->nl_indexed)
		return 1;
	if (n < 3)
		return 0;
	uint32_t b = prefix_bit(s);
	return (m->nl_prefix[b / 64] >> (b % 64)) & 1;
}
