// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_hpt: H_ENTER + H_REMOVE throughput of the HV core on a 16 MB HPT
 * pre-filled to 50 % and 90 %, through the simulator's hv_env (event log
 * off).  Not a test: it prints figures, for a Release build.
 *
 *   bench_hpt [pairs]     (default 2000000 pairs per fill level)
 *
 * The workload is what a pseries guest does when it maps and unmaps 4 KB
 * pages: H_ENTER without H_EXACT into a pseudo-random primary PTEG, on
 * H_PTEG_FULL once more into the secondary PTEG (H set), then H_REMOVE with
 * H_AVPN of the index returned.  Before the clock starts the table is filled
 * evenly: PTEG g gets floor(8p(g+1)/100) - floor(8pg/100) entries, i.e. 4 in
 * every PTEG at 50 %, 7 or 8 (7.2 on average) at 90 %, in slots 0.. as the
 * guest's own inserts would put them.  (Filling by random hashing instead
 * saturates PTEGs long before 90 %, and the figure would mostly measure
 * H_PTEG_FULL.)  Every removal frees the slot its insertion took, so the
 * fill level stays constant while measuring.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hv_env.h"
#include "hv/hv_hpt.h"
#include "hv/hv_kvm.h"
#include "machine.h"

#define MB	(1ULL << 20)
#define BATCH	1000

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: deterministic, so every run does the same work. */
static u64 rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* One guest mapping: a random PTEG, primary then secondary. */
static long map_one(struct hv_kvm *kvm, unsigned long *idx, u64 *v, unsigned int *hcalls)
{
	u64 r = rng();
	unsigned long pteg = r & kvm->hpt_mask;
	u64 pteh = ((r >> 20) & 0xffffff) << 12 & HPTE_V_AVPN;
	u64 ptel = ((r >> 44) & 0x3fff) << 12 | HPTE_R_M | 0x2;	/* within 64 MB */
	long rc;

	*v = pteh | HPTE_V_VALID;
	(*hcalls)++;
	rc = hv_do_h_enter(kvm, 0, pteg * 8, *v, ptel, idx);
	if (rc != H_PTEG_FULL)
		return rc;
	*v |= HPTE_V_SECONDARY;
	(*hcalls)++;
	return hv_do_h_enter(kvm, 0, (pteg ^ kvm->hpt_mask) * 8, *v, ptel, idx);
}

static void run(struct hv_kvm *kvm, unsigned int percent, unsigned long pairs)
{
	unsigned long filled = 0, full = 0;
	unsigned long idx[BATCH], hret[2], done = 0;
	unsigned int enters = 0, removes = 0;
	double t_enter = 0, t_remove = 0, t0;
	u64 v[BATCH];

	/* Fill evenly with entries that stay for the whole run. */
	for (unsigned long g = 0; g <= kvm->hpt_mask; g++) {
		unsigned long n = 8 * percent * (g + 1) / 100 - 8 * percent * g / 100;

		for (unsigned long k = 0; k < n; k++) {
			unsigned long i;

			if (hv_do_h_enter(kvm, 0, g * 8, (k << 12) | HPTE_V_VALID,
					  HPTE_R_M | (k << 12), &i) != H_SUCCESS) {
				fprintf(stderr, "bench_hpt: fill failed at PTEG %lu\n", g);
				exit(1);
			}
			filled++;
		}
	}

	while (done < pairs) {
		unsigned int n = 0;

		t0 = now_ns();
		for (unsigned int k = 0; k < BATCH; k++) {
			if (map_one(kvm, &idx[n], &v[n], &enters) == H_SUCCESS)
				n++;
			else
				full++;
		}
		t_enter += now_ns() - t0;
		t0 = now_ns();
		for (unsigned int k = 0; k < n; k++) {
			long rc = hv_do_h_remove(kvm, H_AVPN, idx[k], v[k] & ~0x7fUL, hret);

			removes++;
			if (rc != H_SUCCESS) {
				fprintf(stderr, "bench_hpt: H_REMOVE of %lu failed\n", idx[k]);
				exit(1);
			}
		}
		t_remove += now_ns() - t0;
		done += n;
	}
	printf("%3u%% full (%lu of %lu HPTEs): %.3f M pairs/s, %.1f ns per hcall "
	       "(H_ENTER %.1f ns incl. %.2f%% secondary retries, H_REMOVE %.1f ns), "
	       "%lu mappings found both PTEGs full\n",
	       percent, filled, kvm->hpt_npte, done / (t_enter + t_remove) * 1e3,
	       (t_enter + t_remove) / (enters + removes), t_enter / enters,
	       100.0 * (enters - (done + full)) / (done + full), t_remove / removes, full);
}

int main(int argc, char **argv)
{
	unsigned long pairs = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000000;
	static struct sim_machine mach;
	const unsigned int levels[] = { 50, 90 };

	if (sim_machine_init(&mach, 128 * MB, 1)) {
		fprintf(stderr, "bench_hpt: no machine\n");
		return 1;
	}
	sim_machine_select(&mach, 0);
	mach.log_events = false;
	mach.log_level = 0;
	if (hv_mmu_hv_init()) {
		fprintf(stderr, "bench_hpt: hv_mmu_hv_init failed\n");
		return 1;
	}
	printf("bench_hpt: 16 MB HPT (2^20 HPTEs), 4 KB pages, %lu H_ENTER+H_REMOVE pairs per "
	       "level, simulator hv_env with the event log off\n", pairs);
	for (unsigned int l = 0; l < HV_ARRAY_SIZE(levels); l++) {
		struct hv_kvm *kvm;

		if (hv_kvm_create(&kvm, 24) || hv_kvm_add_memory(kvm, 0, 64 * MB)) {
			fprintf(stderr, "bench_hpt: VM creation failed\n");
			return 1;
		}
		run(kvm, levels[l], pairs);
		hv_kvm_destroy(kvm);
	}
	sim_machine_destroy(&mach);
	return 0;
}
