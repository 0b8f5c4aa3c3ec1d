-- bench/mixed.lua — wrk script for bench/soak.sh: a mix of the pages people use, with
-- about 10% writes, and a count of the answers by status code.
-- From the environment:
--   SPECIALISTS  "COOKIE CSRF ID,ID,...;COOKIE CSRF ID,..." one entry per signed-in
--                specialist: the session cookie (name=value), its CSRF token, and the
--                people on that specialist's caseload
--   LEADER       the team leader's session cookie (inbox, dashboard)
--   DATE         "date-day=D&date-month=M&date-year=Y" for the contacts written
-- Mix (out of 100): caseload 20, a person's record 25, inbox 15, dashboard 5,
-- vacancies 15, a person's matches 10, POST a contact through the web form 10.
-- done() prints "status CODE COUNT" lines and "answers 2xx/3xx N 4xx N 5xx N other N".

local function split(s, sep)
	local out = {}
	for part in string.gmatch(s, "[^" .. sep .. "]+") do out[#out + 1] = part end
	return out
end

local specialists = {}
for _, entry in ipairs(split(os.getenv("SPECIALISTS") or "", ";")) do
	local f = split(entry, " ")
	specialists[#specialists + 1] = { cookie = f[1], csrf = f[2], people = split(f[3] or "", ",") }
end
local leader = os.getenv("LEADER")
local date = os.getenv("DATE")

local threads = {}
function setup(thread)
	thread:set("id", #threads)
	threads[#threads + 1] = thread
end

local n = 0
function init(args)
	math.randomseed(os.time() + (id or 0) * 7919)
	counts = {}
end

local function get(path, cookie)
	return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function request()
	n = n + 1
	local r = math.random(100)
	local s = specialists[math.random(#specialists)]
	local person = s.people[math.random(#s.people)]
	if r <= 20 then
		return get("/caseload", s.cookie)
	elseif r <= 45 then
		return get("/people/" .. person, s.cookie)
	elseif r <= 60 then
		return get("/referrals", leader)
	elseif r <= 65 then
		return get("/dashboard", leader)
	elseif r <= 80 then
		return get("/vacancies", s.cookie)
	elseif r <= 90 then
		return get("/people/" .. person .. "/matches", s.cookie)
	else
		local body = "csrf=" .. s.csrf .. "&" .. date ..
			"&with=client&mode=phone&minutes=15&attended=yes&note=soak+" .. n
		return wrk.format("POST", "/people/" .. person .. "/contacts", {
			["Cookie"] = s.cookie,
			["Content-Type"] = "application/x-www-form-urlencoded",
		}, body)
	end
end

function response(status, headers, body)
	counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
	local total, by = {}, { ok = 0, c4 = 0, c5 = 0, other = 0 }
	for _, t in ipairs(threads) do
		for code, k in pairs(t:get("counts") or {}) do
			total[code] = (total[code] or 0) + k
		end
	end
	local codes = {}
	for code in pairs(total) do codes[#codes + 1] = code end
	table.sort(codes)
	for _, code in ipairs(codes) do
		local k = total[code]
		io.write(string.format("status %d %d\n", code, k))
		if code >= 200 and code < 400 then by.ok = by.ok + k
		elseif code >= 400 and code < 500 then by.c4 = by.c4 + k
		elseif code >= 500 and code < 600 then by.c5 = by.c5 + k
		else by.other = by.other + k end
	end
	io.write(string.format("answers 2xx/3xx %d 4xx %d 5xx %d other %d\n", by.ok, by.c4, by.c5, by.other))
end
