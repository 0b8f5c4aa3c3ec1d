/* util/log.h — one-line logs on standard error. Never pass a name, NHS number, note
 * or any other personal data to these functions: logs leave the service. */
#ifndef IPS_LOG_H
#define IPS_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Silences log_info (tests, quiet commands). */
void log_set_quiet(int quiet);

#endif
