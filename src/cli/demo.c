/* cli/demo.c — being written: `ipsdesk demo`. */
#include <stdio.h>
#include "cli/cli.h"
int cmd_demo(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "ipsdesk demo: not yet\n");
	return 1;
}
