/* cli/erase.c — `ipsdesk erase --before YYYY-MM-DD [--dry-run]`: erasure after the
 * retention period the organisation chose. Prints how many people (and referrals,
 * contacts, jobs) would be or were erased, never a name; a dry run writes nothing. */
#include <stdio.h>
#include "cli/cli.h"

/* "1 person" / "3 people", "1 referral" / "2 referrals". */
static const char *plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int cmd_erase(int argc, char **argv)
{
	static const char *const names[] = {"before", "dry-run!", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 0 || !o.values[0]) {
		fprintf(stderr, "usage: ipsdesk erase [--db FILE] --before YYYY-MM-DD [--dry-run]\n");
		return 2;
	}
	bool dry = o.values[1] != NULL;
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct erasure_counts n;
	struct result r = app_erase_expired(&c.app, &CLI_ADMIN, o.values[0], dry, &n);
	int status = 0;
	if (!result_ok(&r)) {
		cli_print_result(&r);
		status = 1;
	} else {
		printf("%s %lld %s whose records ended before %s: %lld %s, %lld %s, %lld %s.\n",
		       dry ? "Would erase" : "Erased", (long long)n.people, plural(n.people, "person", "people"),
		       o.values[0], (long long)n.referrals, plural(n.referrals, "referral", "referrals"),
		       (long long)n.contacts, plural(n.contacts, "contact", "contacts"), (long long)n.jobs,
		       plural(n.jobs, "job", "jobs"));
		if (n.employer_contacts_kept)
			printf("%s %lld employer %s on their behalf, without the link to them or the note.\n",
			       dry ? "Would keep" : "Kept", (long long)n.employer_contacts_kept,
			       plural(n.employer_contacts_kept, "contact", "contacts"));
		if (dry)
			printf("Dry run: nothing was written.\n");
		else if (n.people)
			printf("The audit log keeps one entry for each person erased. Backups taken before now "
			       "still hold their records until they age out.\n");
	}
	cli_close(&c);
	return status;
}
