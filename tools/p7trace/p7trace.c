// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7trace: look at, compare and replay HV core traces (docs/trace-tools.md).
 * The work is done by the p7trace_io and p7trace_replay libraries
 * (tools/trace); this is their command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p7trace.h"
#include "p7trace_replay.h"

#define EXIT_CODES \
	"Exit status:\n" \
	"  0   done; traces identical; replay identical\n" \
	"  1   diff: the traces differ; replay: the HV core diverged from the trace\n" \
	"  2   a trace was refused (malformed, truncated, corrupt, inconsistent) or could not\n" \
	"      be read; the problem is printed as one line: \"p7trace: FILE: offset N: ...\"\n" \
	"  3   bad command line\n" \
	"  77  replay: no HV core is connected to replay against (ctest counts it as skipped)\n"

#define FILE_HELP \
	"FILE is a p7trace file (docs/trace-format.md) or kvm_hv tracepoint text as printed by\n" \
	"`trace-cmd report` or `perf script` (told apart by content); \"-\" is standard input.\n"

static const char usage_main[] =
	"usage: p7trace COMMAND [OPTIONS] FILE...\n"
	"\n"
	"Commands:\n"
	"  dump [-v] [--raw-time] FILE     one line per event, as perf script prints kvm_hv events\n"
	"  stat [--vcpu N] FILE            perf kvm stat tables: exits by trap, hcalls by number\n"
	"  diff [-C N] [--no-time] A B     the first difference of two traces, with context\n"
	"  replay FILE                     re-drive the HV core from the trace and compare\n"
	"  check FILE                      validate a trace\n"
	"  help [COMMAND]                  this text, or a command's\n"
	"\n" FILE_HELP "\n" EXIT_CODES;

static const char usage_dump[] =
	"usage: p7trace dump [-v] [--raw-time] FILE\n"
	"\n"
	"Prints one line per event in the style of `perf script`:\n"
	"  comm tid [cpu] time: system:event: fields\n"
	"with the kernel's format for kvm_hv:kvm_guest_enter, kvm_guest_exit, kvm_hcall_enter,\n"
	"kvm_hcall_exit and kvm_page_fault_enter, kvm:kvm_userspace_exit, and p7:hpte, p7:inject,\n"
	"p7:cede, p7:hpte_rc for the records the kernel has no tracepoint for.  For a p7trace file\n"
	"the time is simulated time in seconds (instructions through the header's time base);\n"
	"comm is p7sim and tid and cpu are the vcpu.  A bad trace is dumped up to the bad record,\n"
	"then refused.\n"
	"\n"
	"  -v, --verbose   also every payload word of each record (the full vcpu state of exits)\n"
	"  --raw-time      the time column as recorded (instructions for a p7trace file)\n"
	"\n" FILE_HELP "\n" EXIT_CODES;

static const char usage_stat[] =
	"usage: p7trace stat [--vcpu N] FILE\n"
	"\n"
	"Prints the tables of `perf kvm stat report`: VM-EXIT by trap (time from kvm_guest_exit to\n"
	"the vcpu's next kvm_guest_enter) and HCALL by hcall number (time from kvm_hcall_enter to\n"
	"kvm_hcall_exit), with samples, share of samples and of time, min, max and mean time.\n"
	"Times are simulated microseconds when the header gives the time base, else instructions;\n"
	"for imported text, the tracer's timestamps.\n"
	"\n"
	"  --vcpu N   only vcpu N\n"
	"\n" FILE_HELP "\n" EXIT_CODES;

static const char usage_diff[] =
	"usage: p7trace diff [-C N] [--no-time] A B\n"
	"\n"
	"Compares two traces of the same guest event by event and prints the first difference:\n"
	"the events before it (\"  \"), A's (\"-\") and B's (\"+\") version with their fields side by\n"
	"side ('*' marks what differs), and what follows in each.  Events are compared on the fields\n"
	"both traces have, so a p7trace file can be compared with imported text of the same run.\n"
	"Header differences are printed as notes and do not count; the options string is ignored.\n"
	"\n"
	"  -C N        events of context before and after (default 3, at most 100)\n"
	"  --no-time   do not compare the time of events\n"
	"\n" FILE_HELP "\n" EXIT_CODES;

static const char usage_replay[] =
	"usage: p7trace replay FILE\n"
	"\n"
	"Re-drives the HV core from the trace alone: each recorded exit with its register state is\n"
	"fed to the exit handler and each hcall without one (imported text) to the hcall dispatcher,\n"
	"against vcpu and HPT state rebuilt from the trace, and what the core does is compared with\n"
	"what the trace recorded, record by record.  The first difference is printed with the\n"
	"recorded and replayed fields side by side.\n"
	"\n"
	"The HV core is hv/ built for the simulator (tools/p7trace/replay_backend.c); hcalls that\n"
	"read guest memory (H_REGISTER_VPA) are skipped.  A p7trace built without a core only\n"
	"checks the trace and exits with 77.\n"
	"\n" FILE_HELP "\n" EXIT_CODES;

static const char usage_check[] =
	"usage: p7trace check FILE\n"
	"\n"
	"Reads the whole trace and prints \"FILE: ok: ...\" with the number of events, or the first\n"
	"problem (\"p7trace: FILE: offset N: ...\").\n"
	"\n" FILE_HELP "\n" EXIT_CODES;

static int usage(const char *text, int code)
{
	fputs(text, code ? stderr : stdout);
	return code;
}

static int bad_usage(const char *cmd, const char *what)
{
	fprintf(stderr, "p7trace: %s%s%s\ntry: p7trace %s%s--help\n", cmd ? cmd : "",
		cmd ? ": " : "", what, cmd ? cmd : "", cmd ? " " : "");
	return P7TRACE_EXIT_USAGE;
}

static bool is_help(const char *a)
{
	return !strcmp(a, "-h") || !strcmp(a, "--help");
}

static struct p7trace_reader *open_trace(const char *path)
{
	struct p7trace_reader *r = p7trace_open(path);

	if (!r)
		fprintf(stderr, "p7trace: %s: out of memory\n", path);
	return r;
}

static int parse_uint(const char *s, unsigned long *v)
{
	char *end;

	if (!*s || *s == '-')
		return -1;
	*v = strtoul(s, &end, 10);
	return *end ? -1 : 0;
}

static int cmd_dump(int argc, char **argv)
{
	unsigned int flags = 0;
	const char *file = NULL;
	struct p7trace_reader *r;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i]))
			return usage(usage_dump, 0);
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			flags |= P7TRACE_DUMP_VERBOSE;
		else if (!strcmp(argv[i], "--raw-time"))
			flags |= P7TRACE_FMT_RAW_TIME;
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_usage("dump", "unknown option");
		else if (file)
			return bad_usage("dump", "one FILE only");
		else
			file = argv[i];
	}
	if (!file)
		return bad_usage("dump", "FILE missing");
	r = open_trace(file);
	if (!r)
		return P7TRACE_EXIT_BAD_INPUT;
	rc = p7trace_dump(stdout, stderr, r, flags);
	p7trace_close(r);
	return rc;
}

static int cmd_stat(int argc, char **argv)
{
	const char *file = NULL;
	struct p7trace_reader *r;
	int vcpu = -1, rc;
	unsigned long v;

	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i]))
			return usage(usage_stat, 0);
		else if (!strcmp(argv[i], "--vcpu")) {
			if (++i == argc || parse_uint(argv[i], &v) || v >= P7TRACE_MAX_VCPUS)
				return bad_usage("stat", "--vcpu needs a vcpu number");
			vcpu = (int)v;
		} else if (argv[i][0] == '-' && argv[i][1])
			return bad_usage("stat", "unknown option");
		else if (file)
			return bad_usage("stat", "one FILE only");
		else
			file = argv[i];
	}
	if (!file)
		return bad_usage("stat", "FILE missing");
	r = open_trace(file);
	if (!r)
		return P7TRACE_EXIT_BAD_INPUT;
	rc = p7trace_stat(stdout, stderr, r, vcpu);
	p7trace_close(r);
	return rc;
}

static int cmd_diff(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL };
	unsigned int flags = 0, context = 3, nfiles = 0;
	struct p7trace_reader *a, *b;
	unsigned long v;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i]))
			return usage(usage_diff, 0);
		else if (!strcmp(argv[i], "-C")) {
			if (++i == argc || parse_uint(argv[i], &v) || v > 100)
				return bad_usage("diff", "-C needs a number of events, 0 to 100");
			context = (unsigned int)v;
		} else if (!strcmp(argv[i], "--no-time"))
			flags |= P7TRACE_DIFF_NO_TIME;
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_usage("diff", "unknown option");
		else if (nfiles == 2)
			return bad_usage("diff", "two traces, A and B");
		else
			files[nfiles++] = argv[i];
	}
	if (nfiles != 2)
		return bad_usage("diff", "two traces, A and B");
	a = open_trace(files[0]);
	b = open_trace(files[1]);
	if (!a || !b) {
		p7trace_close(a);
		p7trace_close(b);
		return P7TRACE_EXIT_BAD_INPUT;
	}
	rc = p7trace_diff(stdout, stderr, a, b, context, flags);
	p7trace_close(a);
	p7trace_close(b);
	return rc;
}

static int cmd_replay(int argc, char **argv)
{
	const struct p7trace_replay_ops *ops;
	struct p7trace_replay_result res;
	const char *file = NULL;
	struct p7trace_reader *r;
	void *ctx;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i]))
			return usage(usage_replay, 0);
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_usage("replay", "unknown option");
		else if (file)
			return bad_usage("replay", "one FILE only");
		else
			file = argv[i];
	}
	if (!file)
		return bad_usage("replay", "FILE missing");
	r = open_trace(file);
	if (!r)
		return P7TRACE_EXIT_BAD_INPUT;
	ops = p7trace_replay_backend(&ctx);
	rc = p7trace_replay_run(r, ops, ctx, stdout, stderr, &res);
	p7trace_close(r);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	const char *file = NULL;
	struct p7trace_reader *r;
	uint64_t n;
	int rc = P7TRACE_EXIT_OK;

	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i]))
			return usage(usage_check, 0);
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_usage("check", "unknown option");
		else if (file)
			return bad_usage("check", "one FILE only");
		else
			file = argv[i];
	}
	if (!file)
		return bad_usage("check", "FILE missing");
	r = open_trace(file);
	if (!r)
		return P7TRACE_EXIT_BAD_INPUT;
	if (p7trace_validate(r, &n)) {
		p7trace_report_error(stderr, r);
		rc = P7TRACE_EXIT_BAD_INPUT;
	} else {
		printf("%s: ok: %s, %llu events", file, p7trace_header(r)->flavour,
		       (unsigned long long)n);
		if (p7trace_ignored_lines(r))
			printf(" (%llu kvm_hv lines without a record skipped)",
			       (unsigned long long)p7trace_ignored_lines(r));
		printf("\n");
	}
	p7trace_close(r);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "dump", cmd_dump, usage_dump },
	{ "stat", cmd_stat, usage_stat },
	{ "diff", cmd_diff, usage_diff },
	{ "replay", cmd_replay, usage_replay },
	{ "check", cmd_check, usage_check },
};

int main(int argc, char **argv)
{
	size_t n = sizeof(commands) / sizeof(commands[0]);

	if (argc < 2)
		return usage(usage_main, P7TRACE_EXIT_USAGE);
	if (is_help(argv[1]))
		return usage(usage_main, 0);
	if (!strcmp(argv[1], "help")) {
		if (argc < 3)
			return usage(usage_main, 0);
		for (size_t i = 0; i < n; i++)
			if (!strcmp(argv[2], commands[i].name))
				return usage(commands[i].help, 0);
		return bad_usage(NULL, "no such command");
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	return bad_usage(NULL, "no such command");
}
