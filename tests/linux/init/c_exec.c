// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_exec.c: fork + execve of /init on every cpu.  The exec'd image checks
 * that it is a fresh one (data and bss as in the file, arguments and
 * environment as sent, still on the cpu its parent was pinned to).
 */
#include "check.h"

#define EXEC_ROUNDS	3
#define EXEC_BSS_WORDS	8192

static int data_marker = 0x1234;
static int bss_marker;
static u64 bss_words[EXEC_BSS_WORDS];

/* argv: /init p7init-exec <cpu> <token>, envp: P7INIT_TOKEN=<token> */
int exec_child_main(int argc, char **argv, char **envp)
{
	const char *p, *tok = NULL;
	u64 cpu = 0;
	long now;

	for (char **e = envp; *e; e++)
		if (!strncmp(*e, "P7INIT_TOKEN=", 13))
			tok = *e + 13;
	p = argc == 4 ? argv[2] : "";
	if (argc != 4 || !parse_ulong(&p, &cpu))
		return out("P7INIT:   exec'd image: argc %d\n", argc), 10;
	if (!tok || strcmp(tok, argv[3]))
		return out("P7INIT:   exec'd image: token %s, environment %s\n", argv[3], tok), 11;
	if (data_marker != 0x1234 || bss_marker != 0)
		return out("P7INIT:   exec'd image: data %x bss %x\n", data_marker, bss_marker), 12;
	now = sys_getcpu();
	if (now != (long)cpu)
		return out("P7INIT:   exec'd image: on cpu %ld, pinned to %lu\n", now, cpu), 13;
	for (u64 i = 0; i < EXEC_BSS_WORDS; i++) {
		if (bss_words[i])
			return out("P7INIT:   exec'd image: bss word %lu not zero\n", i), 14;
		bss_words[i] = i * 3 + cpu;
	}
	for (u64 i = 0; i < EXEC_BSS_WORDS; i++)
		if (bss_words[i] != i * 3 + cpu)
			return out("P7INIT:   exec'd image: bss word %lu lost\n", i), 15;
	return 0;
}

static int exec_one(long arg)
{
	char cpu[24], token[40], env_token[56];
	char *argv[] = { (char *)env.self, "p7init-exec", cpu, token, NULL };
	char *envp[] = { env_token, NULL };
	long r;

	format(cpu, sizeof(cpu), "%ld", sys_getcpu());
	format(token, sizeof(token), "t%lx", arg);
	format(env_token, sizeof(env_token), "P7INIT_TOKEN=%s", token);
	/* What the new image must not inherit. */
	data_marker = 0x4321;
	bss_marker = 0x5a5a;
	bss_words[0] = 1;
	r = sys3(__NR_execve, env.self, argv, envp);
	out("P7INIT:   execve %s failed (%ld)\n", env.self, r);
	return 20;
}

static int exec_child(int i, struct result *r, long arg)
{
	for (int round = 0; round < EXEC_ROUNDS; round++) {
		int status = reap(spawn(exec_one, (long)i * 100 + round));

		if (status) {
			fail_why(r, 1, "round %d: the exec'd image exited %d", round, status);
			break;
		}
		r->v[0]++;
	}
	return r->code;
}

void check_exec(void)
{
	static struct result res[MAX_CPUS];
	int bad = run_children(env.ncpus, NULL, exec_child, 0, res);

	if (bad >= 0)
		report(false, "fork-exec", "cpu %d: %s", env.cpu[bad], res[bad].why);
	else
		report(true, "fork-exec", "%d execs of %s on each of %d cpus: fresh data, bss, "
		       "argv, envp, affinity kept", EXEC_ROUNDS, env.self, env.ncpus);
}
