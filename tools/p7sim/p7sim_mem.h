/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest memory as the VMM sees it.
 *
 * The HV core backs guest real memory with 16 MB pages placed at arbitrary
 * host addresses (hv/include/hv/hv_kvm.h, struct hv_ram_page), exactly as the
 * 2011 POWER7 KVM backed it with hugetlbfs pages: guest real address space is
 * contiguous, host memory is not.  So every access from the platform code
 * goes through these helpers, which bounds-check against the guest's RAM size
 * and split an access at 16 MB page boundaries.  Guest-controlled addresses
 * (an RTAS buffer, say) can therefore never make the VMM touch host memory
 * outside guest RAM: a bad address is an error return, never a crash.
 *
 * Multi-byte values are big-endian: the guest is a big-endian pseries
 * kernel, and the RTAS argument buffer is big-endian by definition
 * (PAPR, "RTAS Argument Call Buffer").
 */
#ifndef P7SIM_MEM_H
#define P7SIM_MEM_H

#include <stdbool.h>
#include <stdint.h>

#define P7SIM_MEM_PAGE_SHIFT	24
#define P7SIM_MEM_PAGE_SIZE	(1ULL << P7SIM_MEM_PAGE_SHIFT)
#define P7SIM_MEM_PAGE_MASK	(P7SIM_MEM_PAGE_SIZE - 1)

/*
 * @page is called with a 16 MB aligned guest real address below @size and
 * returns the host address of that page, or NULL when the page is absent.
 * The last page may be partial when @size is not a multiple of 16 MB; the
 * helpers never reach past @size.
 */
struct p7sim_mem {
	void *ctx;
	uint64_t size;
	void *(*page)(void *ctx, uint64_t gpa);
	/*
	 * Optional: called after every write with the host range written, so
	 * that the simulator drops code it translated from there (a VMM store
	 * is another agent's store to the guest's instruction storage).
	 */
	void (*written)(void *ctx, void *host, uint64_t len);
};

/*
 * A ready-made @page for the common case: @ctx is an array of host page
 * pointers indexed by gpa >> 24 (e.g. built from the HV core's ram pages).
 */
void *p7sim_mem_page_array(void *ctx, uint64_t gpa);

/* True when [gpa, gpa + len) lies inside guest RAM (len 0 is always true). */
bool p7sim_mem_contains(const struct p7sim_mem *mem, uint64_t gpa, uint64_t len);

/* Copy between guest RAM and a host buffer; 0 on success, -1 out of RAM. */
int p7sim_mem_read(const struct p7sim_mem *mem, uint64_t gpa, void *buf, uint64_t len);
int p7sim_mem_write(const struct p7sim_mem *mem, uint64_t gpa, const void *buf, uint64_t len);
int p7sim_mem_zero(const struct p7sim_mem *mem, uint64_t gpa, uint64_t len);

/* A big-endian word from / into a host buffer. */
static inline uint32_t p7sim_get_be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static inline void p7sim_put_be32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

/* Big-endian loads and stores; 0 on success, -1 out of RAM (*val untouched). */
int p7sim_mem_ld_be32(const struct p7sim_mem *mem, uint64_t gpa, uint32_t *val);
int p7sim_mem_ld_be64(const struct p7sim_mem *mem, uint64_t gpa, uint64_t *val);
int p7sim_mem_st_be32(const struct p7sim_mem *mem, uint64_t gpa, uint32_t val);
int p7sim_mem_st_be64(const struct p7sim_mem *mem, uint64_t gpa, uint64_t val);

#endif /* P7SIM_MEM_H */
