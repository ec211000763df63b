// SPDX-License-Identifier: GPL-2.0-only
/*
 * gzip.c: one gzip member (RFC 1952) holding one deflate block (RFC 1951)
 * coded with the fixed Huffman codes (RFC 1951 3.2.6), its back-references
 * found through hash chains over the 32 KB window.  The fixed codes need no
 * code tables in the stream; on the kvm_hv trace text they give 8 % of the
 * input, dynamic codes 6 % (zlib measured on a rehearsal's trace), not
 * worth their code here.  Any gunzip reads the result: the rehearsal test
 * decodes it with the host's gzip.
 */
#include <stdbool.h>
#include <string.h>

#include "gzip.h"

#define WSIZE		32768			/* the deflate window */
#define WMASK		(WSIZE - 1)
#define HBITS		15
#define HSIZE		(1 << HBITS)
#define MIN_MATCH	3
#define MAX_MATCH	258
#define MAX_CHAIN	64			/* candidates tried per position */

/* RFC 1951 3.2.5: length codes 257..285 and distance codes 0..29. */
static const uint16_t len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

struct bitw {
	uint8_t *p, *end;
	uint64_t acc;		/* bits not yet stored, the first in bit 0 */
	unsigned int n;
	bool full;
};

/* Data fields go least significant bit first (RFC 1951 3.1.1). */
static void put_bits(struct bitw *w, uint32_t v, unsigned int n)
{
	w->acc |= (uint64_t)v << w->n;
	w->n += n;
	while (w->n >= 8) {
		if (w->p == w->end) {
			w->full = true;
			return;
		}
		*w->p++ = (uint8_t)w->acc;
		w->acc >>= 8;
		w->n -= 8;
	}
}

/* Huffman codes go most significant bit first: reverse them for put_bits. */
static void put_code(struct bitw *w, uint32_t code, unsigned int n)
{
	uint32_t r = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		r |= ((code >> i) & 1) << (n - 1 - i);
	put_bits(w, r, n);
}

/* The fixed literal/length code (RFC 1951 3.2.6) of symbol SYM, 0..287. */
static void put_litlen(struct bitw *w, unsigned int sym)
{
	if (sym < 144)
		put_code(w, 0x30 + sym, 8);
	else if (sym < 256)
		put_code(w, 0x190 + sym - 144, 9);
	else if (sym < 280)
		put_code(w, sym - 256, 7);
	else
		put_code(w, 0xc0 + sym - 280, 8);
}

static void put_match(struct bitw *w, unsigned int len, unsigned int dist)
{
	int k;

	for (k = 28; len_base[k] > len; k--)
		;
	put_litlen(w, 257 + k);
	put_bits(w, len - len_base[k], len_extra[k]);
	for (k = 29; dist_base[k] > dist; k--)
		;
	put_code(w, k, 5);	/* fixed distance codes: five bits each */
	put_bits(w, dist - dist_base[k], dist_extra[k]);
}

/* The CRC-32 of RFC 1952 8: reflected, polynomial 0xedb88320. */
static uint32_t crc32(const uint8_t *p, size_t n)
{
	static uint32_t table[256];
	uint32_t c = 0xffffffff;
	size_t i;

	if (!table[1]) {
		for (i = 0; i < 256; i++) {
			uint32_t v = (uint32_t)i;
			int k;

			for (k = 0; k < 8; k++)
				v = v & 1 ? 0xedb88320 ^ (v >> 1) : v >> 1;
			table[i] = v;
		}
	}
	for (i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return ~c;
}

static unsigned int hash3(const uint8_t *p)
{
	return ((p[0] << 10) ^ (p[1] << 5) ^ p[2]) & (HSIZE - 1);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/*
 * The longest earlier occurrence of IN[i..] within the window: the chain of
 * positions with the same hash is newest first, and a slot of PREV is only
 * overwritten by a position a window later, which is never reached from i.
 */
static unsigned int longest(const uint8_t *in, size_t n, size_t i, const int32_t *head,
			    const int32_t *prev, unsigned int *dist)
{
	size_t max = n - i < MAX_MATCH ? n - i : MAX_MATCH;
	int32_t cand = head[hash3(in + i)];
	unsigned int best = 0, chain = MAX_CHAIN;

	while (cand >= 0 && i - (size_t)cand < WSIZE && chain--) {
		unsigned int len = 0;
		int32_t next;

		while (len < max && in[cand + len] == in[i + len])
			len++;
		if (len > best) {
			best = len;
			*dist = (unsigned int)(i - (size_t)cand);
			if (len == max)
				break;
		}
		next = prev[cand & WMASK];
		if (next >= cand)
			break;
		cand = next;
	}
	return best;
}

/*
 * gzip_compress, greedy LZ77 over the input:
 *   1. the member header (RFC 1952 2.3): ID1 ID2, CM = 8 (deflate), no
 *      flags, no time, OS = 3 (Unix);
 *   2. one final block (BFINAL = 1) of type 01, the fixed codes;
 *   3. at each position the longest match of at least three bytes within
 *      the window, else the byte as a literal; every position passed is
 *      entered into its hash chain;
 *   4. end of block (symbol 256), the bits padded to a byte;
 *   5. the trailer: CRC-32 and the input length modulo 2^32, little-endian.
 */
size_t gzip_compress(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	static int32_t head[HSIZE], prev[WSIZE];
	static const uint8_t hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
	struct bitw w;
	size_t i = 0;

	if (cap < sizeof(hdr) + 8)
		return 0;
	memcpy(out, hdr, sizeof(hdr));
	w = (struct bitw){ .p = out + sizeof(hdr), .end = out + cap - 8 };
	memset(head, 0xff, sizeof(head));
	put_bits(&w, 1, 1);
	put_bits(&w, 1, 2);
	while (i < n && !w.full) {
		unsigned int len = 0, dist = 0, k;

		if (n - i >= MIN_MATCH)
			len = longest(in, n, i, head, prev, &dist);
		if (len < MIN_MATCH) {
			put_litlen(&w, in[i]);
			len = 1;
		} else {
			put_match(&w, len, dist);
		}
		for (k = 0; k < len; k++, i++) {
			if (n - i >= MIN_MATCH) {
				unsigned int h = hash3(in + i);

				prev[i & WMASK] = head[h];
				head[h] = (int32_t)i;
			}
		}
	}
	put_litlen(&w, 256);
	put_bits(&w, 0, 7);	/* flush the last partial byte */
	if (w.full)
		return 0;
	put_le32(w.p, crc32(in, n));
	put_le32(w.p + 4, (uint32_t)n);
	return (size_t)(w.p + 8 - out);
}
