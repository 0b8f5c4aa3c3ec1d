/* web/server.c — the HTTP server: libmicrohttpd with an epoll thread pool. It frames
 * requests (raw URI, headers, a body of at most MAX_BODY, or MAX_UPLOAD for an upload
 * the router allows: see request.h), hands each to the router with its own arena and
 * its thread's own SQLite connection, sends the response with the security headers
 * every response carries (once the request's views are in the read log: the connection
 * waits suspended meanwhile), and logs one line per request with no personal data in it. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>
#include <sodium.h>
#include "web/server.h"
#include "web/router.h"
#include "web/html.h"
#include "util/arena.h"
#include "util/log.h"

#define THREADS 4

struct conn_state {
	struct request rq;
	const char *raw_uri;
	struct buf upload;
	size_t limit;        /* the largest body kept: MAX_BODY or MAX_UPLOAD */
	size_t drain;        /* beyond this the connection is closed */
	size_t received;
	bool upload_slot;    /* holds one of the MAX_UPLOADS_AT_ONCE slots */
	bool too_large;
	bool started;
	struct timespec t0;
	struct app_views views;   /* the request's views, written before the answer leaves */
	bool waiting;             /* the answer waits until they are */
	bool suspended;           /* the connection meanwhile (counted in `suspended`) */
	int views_rc;
	struct MHD_Connection *conn;
};

/* One SQLite connection per server thread, opened on the thread's first request. */
static _Thread_local struct store *thread_store;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *stores[64];
static size_t nstores;

/* Bodies larger than MAX_BODY held at once, in the whole process. */
static sem_t upload_slots;

static struct store *store_for_thread(const struct server_config *cfg)
{
	if (thread_store)
		return thread_store;
	if (store_open(cfg->db_path, STORE_NO_MIGRATE, &thread_store) != IPS_OK)
		return NULL;
	pthread_mutex_lock(&stores_lock);
	if (nstores < sizeof stores / sizeof stores[0])
		stores[nstores++] = thread_store;
	pthread_mutex_unlock(&stores_lock);
	return thread_store;
}

static void *uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	struct conn_state *cs = calloc(1, sizeof *cs);
	if (!cs)
		return NULL;
	cs->rq.arena = arena_new();
	cs->raw_uri = arena_strdup(cs->rq.arena, uri);
	clock_gettime(CLOCK_MONOTONIC, &cs->t0);
	return cs;
}

/* Connections waiting for their views; once stopping is set no more wait (their views
 * are written before the handler returns), so the server can stop with none suspended,
 * which libmicrohttpd requires. */
static atomic_int suspended;
static atomic_bool stopping;

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct conn_state *cs = *con_cls;
	if (!cs)
		return;
	/* a connection whose client went while it waited for its views: resumed, it ends
	 * here without its handler running again */
	if (cs->suspended)
		atomic_fetch_sub(&suspended, 1);
	if (cs->upload_slot)
		sem_post(&upload_slots);
	buf_free(&cs->upload);
	buf_free(&cs->rq.body);
	arena_free(cs->rq.arena);
	free(cs);
	*con_cls = NULL;
}

static const char *client_address(struct request *rq, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char addr[INET6_ADDRSTRLEN] = "-";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, addr, sizeof addr);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, addr, sizeof addr);
	}
	/* Behind the trusted proxy, the last address it appended is the client's. */
	if (rq->cfg->trusted_proxy && strcmp(addr, rq->cfg->trusted_proxy) == 0) {
		const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
		if (xff && *xff) {
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			if (strlen(last) < INET6_ADDRSTRLEN)
				return arena_strdup(rq->arena, last);
		}
	}
	return arena_strdup(rq->arena, addr);
}

static void add_security_headers(struct MHD_Response *resp, const struct request *rq)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
		"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
		"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
		"base-uri 'none'; object-src 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
	MHD_add_response_header(resp, "Cache-Control", rq->cacheable ? "public, max-age=3600" : "no-store");
	if (rq->app.request_id)
		MHD_add_response_header(resp, "X-Request-Id", rq->app.request_id);
}

static enum MHD_Result send_response(struct conn_state *cs, struct MHD_Connection *c)
{
	struct request *rq = &cs->rq;
	size_t len = rq->body.len;
	char *body = buf_take(&rq->body);
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", rq->mime ? rq->mime : "text/html; charset=utf-8");
	if (rq->location)
		MHD_add_response_header(resp, "Location", rq->location);
	if (rq->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", rq->set_cookie);
	if (rq->allow)
		MHD_add_response_header(resp, "Allow", rq->allow);
	if (rq->download) {
		/* names are made by ipsdesk from codes and dates: plain ASCII, no quotes */
		char cd[160];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", rq->download);
		MHD_add_response_header(resp, "Content-Disposition", cd);
	}
	if (rq->status == 401 && rq->path && strncmp(rq->path, "/api/", 5) == 0)
		MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"ipsdesk\"");
	add_security_headers(resp, rq);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)rq->status, resp);
	MHD_destroy_response(resp);
	store_request_done(rq->app.store);

	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - cs->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - cs->t0.tv_nsec) / 1e6;
	log_info("req=%s method=%s route=%s status=%d ms=%.1f account=%lld",
		 rq->app.request_id ? rq->app.request_id : "-", rq->method == POST ? "POST" : rq->method == PATCH ? "PATCH" : "GET",
		 rq->route ? rq->route : "-", rq->status, ms, (long long)rq->who.account_id);
	return ret;
}

/* The views of a request are written (app_views_submit): its answer may leave. */
static void views_written(void *ctx, int rc)
{
	struct conn_state *cs = ctx;
	cs->views_rc = rc;
	MHD_resume_connection(cs->conn);
}

/* After the wait: the answer, or in its place an error if the views were not written. */
static enum MHD_Result views_done(struct conn_state *cs, struct MHD_Connection *c)
{
	struct request *rq = &cs->rq;
	if (cs->suspended)
		atomic_fetch_sub(&suspended, 1);
	cs->suspended = false;
	cs->waiting = false;
	if (cs->views_rc != IPS_OK) {
		log_error("req=%s: the views could not be audited: the answer withheld",
			  rq->app.request_id ? rq->app.request_id : "-");
		/* an API write, made, answers with the record read back: it says the change was
		 * made, lest it be sent again */
		bool saved = rq->method != GET && request_is_api(rq) && rq->status < 300;
		rq->mime = NULL;
		rq->location = NULL;
		rq->download = NULL;
		buf_reset(&rq->body);
		page_error(rq, 500, saved ? APP_SAVED_VIEW_NOT_AUDITED : APP_VIEW_NOT_AUDITED);
	}
	return send_response(cs, c);
}

/* Holds the answer back, the connection suspended and the thread free for others,
 * until the request's views are in the read log: no page leaves unaudited. */
static enum MHD_Result await_views(struct conn_state *cs, struct MHD_Connection *c)
{
	struct request *rq = &cs->rq;
	store_request_done(rq->app.store);
	cs->waiting = true;
	cs->conn = c;
	/* counted before stopping is looked at: the server, which sets stopping and then
	 * waits for the count to reach 0, either sees this connection or is seen here */
	atomic_fetch_add(&suspended, 1);
	if (atomic_load(&stopping)) {   /* write them now, holding this thread */
		atomic_fetch_sub(&suspended, 1);
		cs->views_rc = app_views_write(&rq->app);
		return views_done(cs, c);
	}
	cs->suspended = true;
	MHD_suspend_connection(c);
	if (app_views_submit(&rq->app, views_written, cs) != IPS_OK)
		views_written(cs, IPS_EIO);
	return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	(void)url;
	(void)version;
	const struct server_config *cfg = cls;
	struct conn_state *cs = *con_cls;
	if (!cs)
		return MHD_NO;
	struct request *rq = &cs->rq;
	if (cs->waiting)
		return views_done(cs, c);

	if (!cs->started) {
		cs->started = true;
		rq->cfg = cfg;
		unsigned char id[8];
		char *hex = arena_alloc(rq->arena, 17);
		randombytes_buf(id, sizeof id);
		sodium_bin2hex(hex, 17, id, sizeof id);
		rq->app.request_id = hex;
		rq->client_addr = client_address(rq, c);
		/* every header is here: the session can be looked up before the body is read */
		rq->content_type = arena_strdup(rq->arena, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"));
		rq->header_authorization = arena_strdup(rq->arena, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"));
		const char *cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
		cookie_parse(rq->arena, cookie ? cookie : "", &rq->cookies);
		rq->status = 200;
		struct store *st = store_for_thread(cfg);
		if (st) {
			rq->app.store = st;
			rq->app.arena = rq->arena;
			rq->app.audit_key = cfg->audit_key;
			rq->app.views = &cs->views;
			app_set_clock(&rq->app, time(NULL));
		}
		cs->limit = MAX_BODY;
		cs->drain = MAX_DRAIN;
		if (st && router_may_upload(rq, method, cs->raw_uri)) {
			if (sem_trywait(&upload_slots) == 0) {
				cs->upload_slot = true;
				cs->limit = MAX_UPLOAD;
				cs->drain = MAX_UPLOAD_DRAIN;
			} else {
				rq->uploads_busy = true;
			}
		}
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
		if (declared > cs->limit && declared <= cs->drain) {
			/* read and discard the body (memory stays bounded), then answer 413:
			 * a client still sending when the connection closes sees only a reset */
			cs->too_large = true;
			return MHD_YES;
		}
		if (declared > cs->drain) {
			/* far too large to be worth reading: answer at once and close */
			rq->path = "/";
			rq->who.role = ROLE_PUBLIC;
			rq->signed_in = false;
			page_error(rq, 413, "What you sent is too large.");
			return send_response(cs, c);
		}
		return MHD_YES;   /* wait for the body, if any */
	}
	if (*upload_data_size) {
		cs->received += *upload_data_size;
		if (cs->received > cs->drain)
			return MHD_NO;   /* a body without a Content-Length that does not stop */
		if (cs->upload.len + *upload_data_size > cs->limit)
			cs->too_large = true;
		if (!cs->too_large)
			buf_add(&cs->upload, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}

	/* the whole request is here */
	if (!rq->app.store) {
		rq->status = 503;
		rq->mime = "text/plain; charset=utf-8";
		buf_adds(&rq->body, "The database is unavailable.\n");
		return send_response(cs, c);
	}
	router_dispatch(rq, method, cs->raw_uri, cs->upload.p ? cs->upload.p : "", cs->upload.len,
			cs->too_large);
	if (cs->views.n)
		return await_views(cs, c);
	return send_response(cs, c);
}

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

int server_run(const struct server_config *cfg, const char *host, int port)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	socklen_t sl;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	if (strchr(host, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &s6->sin6_addr) != 1)
			return -1;
		flags |= MHD_USE_IPv6;
		sl = sizeof *s6;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
			return -1;
		sl = sizeof *s4;
	}
	(void)sl;
	sem_init(&upload_slots, 0, MAX_UPLOADS_AT_ONCE);
	atomic_store(&stopping, false);
	atomic_store(&suspended, 0);
	struct MHD_Daemon *d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle, (void *)cfg,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_URI_LOG_CALLBACK, uri_logger, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)THREADS,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "ipsdesk: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	int bound = di ? di->port : port;
	printf("ipsdesk: serving http://%s%s%s:%d/\n", strchr(host, ':') ? "[" : "", host,
	       strchr(host, ':') ? "]" : "", bound);
	fflush(stdout);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (!stop_requested)
		pause();
	/* no connection may be suspended when the daemon stops: from here views are written
	 * as they come, and those already queued are written and their connections resumed
	 * and answered before it stops */
	atomic_store(&stopping, true);
	do {   /* every queued view is written, and its connection resumed and answered */
		store_reads_drain();
		if (atomic_load(&suspended) > 0)
			usleep(10 * 1000);
	} while (atomic_load(&suspended) > 0);
	MHD_stop_daemon(d);
	store_reads_writer_close();
	pthread_mutex_lock(&stores_lock);
	for (size_t i = 0; i < nstores; i++)
		store_close(stores[i]);
	nstores = 0;
	pthread_mutex_unlock(&stores_lock);
	printf("ipsdesk: stopped\n");
	return 0;
}
