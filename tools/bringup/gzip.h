/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gzip.h: a small gzip (RFC 1952) writer for p7vmm, which copies the host's
 * kvm_hv trace out over the OPAL console at about 13 us a byte (QEMU writes
 * each UART byte with a system call of its own): the trace text compresses
 * about elevenfold, so the rehearsal spends a second on it instead of twelve.
 * Plain C, no library: the cross toolchain has no zlib for big-endian ppc64.
 */
#ifndef P7VMM_GZIP_H
#define P7VMM_GZIP_H

#include <stddef.h>
#include <stdint.h>

/* The most a gzip stream of N input bytes can take from gzip_compress. */
#define GZIP_BOUND(n)	((n) + (n) / 8 + 64)

/*
 * Compress IN[0..N) into OUT, which holds CAP bytes (GZIP_BOUND(N) is
 * always enough).  Returns the length of the stream, or 0 when CAP is too
 * small.
 */
size_t gzip_compress(const uint8_t *in, size_t n, uint8_t *out, size_t cap);

#endif
