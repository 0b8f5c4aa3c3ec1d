-- bench/post.lua — wrk script for bench/pages.sh: every request POSTs the form body
-- BODY (with its CSRF token) as the session in COOKIE, both from the environment.
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("COOKIE")
