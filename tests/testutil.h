/* tests/testutil.h — shared includes for the cmocka suites. Each suite's main()
 * calls cmocka_run_group_tests; tests/run.sh asks cmocka for TAP output and sums it. */
#ifndef IPS_TESTUTIL_H
#define IPS_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#endif
