/* cli/demo.c — `ipsdesk demo --db FILE [--clients N] [--seed S] [--sites N] [--vacancies N]
 * [--accounts]`: a new database of made-up people for trying ipsdesk. The same seed gives
 * the same people, referrals, contacts, vacancies and job search (dates count back from
 * today, so runs on the same day match).
 * The service's last two years are planned first, then replayed day by day through the
 * app/ use cases with the clock set to each day, so validation, audit entries,
 * timelines and allocation dates are the real thing. Never touches store/, never writes
 * into an existing database, never prints or stores a real person's details: names are
 * drawn from lists, NHS numbers from the 999 test range, telephone numbers from Ofcom's
 * drama ranges and email addresses from example.com. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "app/support.h"
#include "cli/cli.h"
#include "core/codes.h"
#include "core/matching.h"
#include "core/nhs_number.h"
#include "core/wages.h"
#include "util/arena.h"

#define DEMO_DEFAULT_CLIENTS 400
#define DEMO_MAX_CLIENTS 20000
#define DEMO_DEFAULT_VACANCIES 50 /* open today, per site */
#define DEMO_MAX_VACANCIES 20000
#define DEMO_DAYS 730             /* referrals over the two years before today */
#define CASELOAD_TARGET 19        /* people per full-time specialist the rota aims at */

/* ---- a small seeded generator: splitmix64 ------------------------------------------ */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* lo..hi inclusive (the modulo bias is far below anything a demo could show). */
static int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static bool rng_percent(struct rng *r, int pct)
{
	return rng_range(r, 0, 99) < pct;
}

static int isqrt(int v)
{
	int x = 0;
	while ((x + 1) * (x + 1) <= v)
		x++;
	return x;
}

static size_t list_len(const char *const *list)
{
	size_t n = 0;
	while (list[n])
		n++;
	return n;
}

static const char *rng_pick(struct rng *r, const char *const *list)
{
	return list[rng_next(r) % list_len(list)];
}

struct weighted {
	const char *code;
	int weight;
};

static const char *rng_weighted(struct rng *r, const struct weighted *w)
{
	int total = 0;
	for (const struct weighted *p = w; p->code; p++)
		total += p->weight;
	int x = rng_range(r, 0, total - 1);
	for (const struct weighted *p = w; p->code; p++) {
		if (x < p->weight)
			return p->code;
		x -= p->weight;
	}
	return w[0].code;
}

/* ---- the made-up services ------------------------------------------------------------ */
/* Trusts and codes are invented (shaped like ODS codes); the places are real towns so
 * the postcodes look right. Phone numbers: Ofcom's ranges kept for drama, never issued. */
struct site_data {
	const char *code, *name, *phone;   /* phone: prefix of a drama-range number, 3 digits follow */
	struct {
		const char *code, *name;
		const char *outward[7];
	} teams[3];
};

static const struct site_data SITES[] = {
	{"R9N", "Northumbria Fells and Tyne NHS Foundation Trust", "0191 498 0",
	 {{"R9N-GAT", "Gateshead IPS team", {"NE8", "NE9", "NE10", "NE11", "NE21", NULL}},
	  {"R9N-WAN", "Wansbeck IPS team", {"NE61", "NE62", "NE63", "NE64", "NE24", NULL}},
	  {"R9N-TYN", "Tynedale IPS team", {"NE46", "NE47", "NE45", "NE44", "NE43", NULL}}}},
	{"R9M", "Mersey Estuary Mental Health NHS Trust", "0151 496 0",
	 {{"R9M-WIR", "Wirral North IPS team", {"CH41", "CH44", "CH45", "CH46", "CH47", NULL}},
	  {"R9M-SEF", "Sefton IPS team", {"L20", "L21", "L22", "L23", "PR8", NULL}},
	  {"R9M-HAL", "Halton IPS team", {"WA7", "WA8", "WA5", "WA4", NULL}}}},
	{"R9P", "Pennine Vale Care NHS Foundation Trust", "0113 496 0",
	 {{"R9P-CAL", "Calderdale IPS team", {"HX1", "HX2", "HX3", "HX5", "HX6", "HX7", NULL}},
	  {"R9P-KIR", "Kirklees IPS team", {"HD1", "HD2", "HD3", "HD4", "WF13", NULL}},
	  {"R9P-BRA", "Bradford East IPS team", {"BD2", "BD3", "BD4", "BD10", NULL}}}},
	{"R9S", "Solent and Downs Partnership NHS Foundation Trust", "01632 960",
	 {{"R9S-POR", "Portsmouth IPS team", {"PO1", "PO2", "PO3", "PO4", "PO5", "PO6", NULL}},
	  {"R9S-HAV", "Havant and Waterlooville IPS team", {"PO7", "PO8", "PO9", NULL}},
	  {"R9S-CHI", "Chichester IPS team", {"PO18", "PO19", "PO20", NULL}}}},
};
#define NSITES_DATA (sizeof SITES / sizeof SITES[0])

/* ---- names ------------------------------------------------------------------------------ */
static const char *const BRITISH_M[] = {
	"James", "Daniel", "Thomas", "Liam", "Ryan", "Callum", "Jack", "Craig", "Gareth", "Stephen",
	"Mark", "Paul", "Lee", "Dean", "Kieran", "Nathan", "Owen", "Rhys", "Jamie", "Scott",
	"Michael", "Darren", "Adam", "Connor", "Alan", "Graham", "Ewan", "Dylan", NULL};
static const char *const BRITISH_F[] = {
	"Emma", "Sarah", "Laura", "Rebecca", "Gemma", "Hannah", "Chloe", "Jessica", "Rachel", "Amy",
	"Leanne", "Kirsty", "Nicola", "Natalie", "Lauren", "Megan", "Sophie", "Claire", "Joanne",
	"Kelly", "Bethan", "Siân", "Zoë", "Danielle", "Karen", "Ellie", "Carys", "Fiona", NULL};
static const char *const BRITISH_FAM[] = {
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
	"Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
	"Jackson", "Clarke", "Harrison", "Hughes", "Milburn", "Charlton", "Armstrong", "Robson",
	"Dodd", "Heslop", "Fenwick", "Pattinson", "Sutcliffe", "Ackroyd", "Holroyd", "Greenwood",
	"Ainsworth", "Kershaw", "Rimmer", "McGuinness", "Doyle", "Lloyd", "Price", "Pritchard",
	"MacDonald", "Fraser", "Hardcastle", "Bell", "Scott", "Marshall", NULL};
static const char *const IRISH_M[] = {"Sean", "Padraig", "Ciaran", "Declan", "Eoin", "Conor", "Niall", NULL};
static const char *const IRISH_F[] = {"Aoife", "Niamh", "Siobhan", "Róisín", "Ciara", "Orla", "Máire", NULL};
static const char *const IRISH_FAM[] = {
	"Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Connor", "Walsh", "Gallagher", "Doherty",
	"Quinn", "O'Neill", NULL};
static const char *const EURO_M[] = {
	"Piotr", "Tomasz", "Łukasz", "Andrei", "Mihai", "João", "Tiago", "Lukas", "Marek", "Bogdan", NULL};
static const char *const EURO_F[] = {
	"Agnieszka", "Katarzyna", "Magdalena", "Ioana", "Elena", "Ana", "Inês", "Daiva", "Monika", NULL};
static const char *const EURO_FAM[] = {
	"Nowak", "Wójcik", "Popescu", "Ionescu", "Silva", "Santos", "Ferreira", "Horváth", "Novak",
	"Petrauskas", "Kaminski", NULL};
static const char *const INDIAN_M[] = {
	"Arjun", "Rohan", "Vikram", "Sanjay", "Amit", "Rajesh", "Harpreet", "Gurpreet", "Nikhil", NULL};
static const char *const INDIAN_F[] = {
	"Priya", "Anjali", "Neha", "Pooja", "Sunita", "Kavita", "Simran", "Meera", "Jaspreet", NULL};
static const char *const INDIAN_FAM[] = {
	"Patel", "Sharma", "Gupta", "Mistry", "Chauhan", "Sandhu", "Gill", "Mehta", "Desai", "Joshi", NULL};
static const char *const PAK_M[] = {"Imran", "Bilal", "Usman", "Zain", "Hamza", "Asif", "Adeel", "Tariq", NULL};
static const char *const PAK_F[] = {"Ayesha", "Saima", "Nadia", "Sana", "Farah", "Amina", "Zara", "Hina", NULL};
static const char *const PAK_FAM[] = {
	"Khan", "Hussain", "Ahmed", "Iqbal", "Mahmood", "Akhtar", "Rashid", "Butt", "Aslam", "Malik", NULL};
static const char *const BANGLA_M[] = {"Rahim", "Shahid", "Jamal", "Rubel", "Sohel", "Abdul", "Nazrul", NULL};
static const char *const BANGLA_F[] = {"Nasrin", "Rumana", "Shirin", "Taslima", "Fatema", "Rokeya", NULL};
static const char *const BANGLA_FAM[] = {"Miah", "Uddin", "Rahman", "Islam", "Chowdhury", "Hoque", "Ali", NULL};
static const char *const CARIB_M[] = {"Marcus", "Andre", "Tyrone", "Leon", "Delroy", "Winston", "Jerome", NULL};
static const char *const CARIB_F[] = {"Shanice", "Keisha", "Jasmine", "Marcia", "Simone", "Natasha", "Tanya", NULL};
static const char *const CARIB_FAM[] = {
	"Campbell", "Brown", "Williams", "Thomas", "Francis", "Grant", "Bailey", "Reid", "Stewart",
	"Gordon", NULL};
static const char *const AFRICAN_M[] = {
	"Chinedu", "Emeka", "Kwame", "Kofi", "Tunde", "Samuel", "Abdi", "Tendai", "Yaw", NULL};
static const char *const AFRICAN_F[] = {
	"Ngozi", "Amara", "Chioma", "Adaeze", "Abena", "Folake", "Hodan", "Grace", "Blessing", NULL};
static const char *const AFRICAN_FAM[] = {
	"Okafor", "Adeyemi", "Mensah", "Osei", "Okonkwo", "Mohamed", "Nwosu", "Boateng", "Adebayo",
	"Moyo", NULL};
static const char *const CHINESE_M[] = {"Wei", "Jun", "Ming", "Hao", "Kai", NULL};
static const char *const CHINESE_F[] = {"Mei", "Lin", "Xiu", "Ying", "Jia", NULL};
static const char *const CHINESE_FAM[] = {"Wong", "Chen", "Li", "Zhang", "Liu", "Chan", "Lam", "Cheung", NULL};
static const char *const OTHER_M[] = {"Omar", "Ahmad", "Yusuf", "Karim", "Reza", "Dara", "Mehmet", NULL};
static const char *const OTHER_F[] = {"Layla", "Mariam", "Noor", "Yasmin", "Shirin", "Elif", "Rana", NULL};
static const char *const OTHER_FAM[] = {
	"Hassan", "Saleh", "Karimi", "Rahimi", "Yilmaz", "Mustafa", "Haddad", "Aziz", NULL};

/* Where the names come from, with the ethnic categories (NHS data dictionary) the
 * people in that group most often give. Weights are rough shares of 100. */
static const struct name_group {
	int weight;
	const char *const *male, *const *female, *const *family;
	const char *ethnic;   /* one category code per character */
} GROUPS[] = {
	{64, BRITISH_M, BRITISH_F, BRITISH_FAM, "A"},
	{3, IRISH_M, IRISH_F, IRISH_FAM, "B"},
	{5, EURO_M, EURO_F, EURO_FAM, "C"},
	{4, BRITISH_M, BRITISH_F, CARIB_FAM, "DEFG"},
	{4, INDIAN_M, INDIAN_F, INDIAN_FAM, "H"},
	{4, PAK_M, PAK_F, PAK_FAM, "J"},
	{2, BANGLA_M, BANGLA_F, BANGLA_FAM, "K"},
	{3, CARIB_M, CARIB_F, CARIB_FAM, "M"},
	{5, AFRICAN_M, AFRICAN_F, AFRICAN_FAM, "N"},
	{2, CHINESE_M, CHINESE_F, CHINESE_FAM, "R"},
	{4, OTHER_M, OTHER_F, OTHER_FAM, "S"},
};
#define NGROUPS (sizeof GROUPS / sizeof GROUPS[0])

static const struct weighted GENDERS[] = {
	{"1", 480}, {"2", 460}, {"3", 20}, {"4", 5}, {"X", 10}, {"Z", 25}, {NULL, 0}};
static const struct weighted SOURCES[] = {
	{"mental_health_professional", 58}, {"gp", 20}, {"self", 14}, {"other", 8}, {NULL, 0}};
static const struct weighted EMPLOYMENT[] = {
	{"04", 38}, {"02", 30}, {"06", 13}, {"01", 4}, {"03", 4}, {"07", 4}, {"05", 3}, {"08", 1},
	{"ZZ", 3}, {NULL, 0}};
static const struct weighted CLOSE_ENGAGED[] = {
	{"sustained_work", 36}, {"person_choice", 28}, {"lost_contact", 14}, {"moved_away", 10},
	{"other", 12}, {NULL, 0}};
static const struct weighted CLOSE_WAITING[] = {
	{"person_choice", 50}, {"moved_away", 25}, {"lost_contact", 25}, {NULL, 0}};
static const struct weighted DISCLOSURE[] = {
	{"yes_selective", 40}, {"yes_open", 25}, {"no", 20}, {"undecided", 15}, {NULL, 0}};
static const struct weighted FTES[] = {{"100", 70}, {"80", 10}, {"60", 8}, {"50", 12}, {NULL, 0}};

/* ---- words for the free-text fields -------------------------------------------------------- */
static const char *const REASONS[] = {
	"Wants to get back to work after a long time out",
	"Would like a part-time job in a shop or cafe",
	"Keen to work outdoors, for example gardening or grounds maintenance",
	"Used to work in care and would like to go back to it",
	"Lost their job during a hospital admission and wants to return to work",
	"Interested in warehouse or delivery work",
	"Has office experience and wants an admin job",
	"Finished college recently and wants a first paid job",
	"Would like kitchen work; has a food hygiene certificate",
	"Interested in computers and IT support",
	"Wants to work with animals",
	"Worried about benefits if they start work; wants advice and a job",
	"Would like work in construction or a trade",
	"Wants a job to give some structure to the week",
	NULL};
static const char *const REASON_AT_RISK =
	"In work but struggling, and worried about losing the job";
static const char *const MHP_ROLES[] = {
	"care coordinator", "community psychiatric nurse", "consultant psychiatrist", "social worker",
	"occupational therapist", "psychologist", NULL};
static const char *const OTHER_ROLES[] = {
	"Jobcentre Plus work coach", "housing support worker", "recovery college tutor",
	"peer support worker", "drug and alcohol worker", NULL};
static const char *const NOTES_CLIENT[] = {
	"Talked through the kinds of work they want",
	"Worked on the CV together",
	"Better-off calculation done together",
	"Looked at vacancies together at the library",
	"Practised interview questions",
	"Helped with an online application",
	"Talked about whether to tell employers about their mental health",
	"Reviewed the job search and agreed next steps",
	"Met at a cafe near home to plan the week",
	"Checked how the new job is going",
	"Sent a reminder about next week's appointment",
	NULL};
static const char *const NOTES_MISSED_CALL[] = {
	"No answer; left a voicemail", "No answer; will try again tomorrow", "Phone switched off", NULL};
static const char *const NOTES_MISSED_MEETING[] = {
	"Did not attend; will try again next week", "Not at home when visited",
	"Cancelled on the day; rearranged", NULL};
static const char *const NOTES_TEAM[] = {
	"Gave an update on the job search at the CMHT meeting",
	"Talked about progress with the care coordinator",
	"Agreed with the psychiatrist to review medication timing around work hours",
	"Shared the vocational plan with the team",
	NULL};
static const char *const NOTES_FAMILY[] = {
	"Spoke with their mother, who supports the plan to work",
	"Partner asked how benefits change when a job starts",
	"Carer phoned to rearrange the appointment",
	NULL};
static const char *const WORK_HISTORY[] = {
	"Worked in a supermarket for four years, then off sick",
	"Several short jobs in warehouses and factories",
	"Care assistant in a nursing home until a hospital admission",
	"No paid work yet; volunteered at a charity shop",
	"Chef in a pub kitchen for six years",
	"Admin work for the council, left after a long illness",
	"Labourer on building sites, on and off",
	"Delivery driver; stopped when unwell",
	"Retail supervisor, then a long gap",
	NULL};
static const char *const JOB_TYPES[] = {
	"Retail and stock work", "Gardening or other outdoor work", "Care work", "Kitchen or catering",
	"Office and admin", "Warehouse and picking", "IT support", "Animal care", "Driving", "Cleaning",
	"Customer service by phone", NULL};
static const char *const PLACES[] = {
	"Close to home, on a bus route", "Town centre", "Anywhere within half an hour",
	"Not in the town centre: crowds are hard", "Near the train station", NULL};
static const char *const TRAVEL[] = {
	"Bus", "Walking", "Bicycle", "Own car", "Train and bus", "Lift from family", NULL};
static const char *const STRENGTHS[] = {
	"Reliable and punctual", "Good with people", "Practical; likes working with their hands",
	"Careful and organised", "Good with computers", "Calm under pressure",
	"Friendly, with a good sense of humour", NULL};
static const char *const SUPPORT_NEEDS[] = {
	"Anxious in new places: meet first somewhere familiar",
	"Needs help with forms and applications",
	"Mornings are hard because of medication",
	"Needs support to ask employers for adjustments",
	"Wants help budgeting when wages start",
	NULL};
static const char *const GOALS[] = {
	"A steady part-time job within six months",
	"Full-time work and a move off benefits",
	"Qualify as a chef",
	"Work in IT support and study part-time",
	"Become a senior carer",
	"Run their own gardening business one day",
	NULL};
static const char *const NEXT_STEPS[] = {
	"Meet at the library to finish the CV",
	"Better-off calculation before accepting the job offer",
	"Apply for the kitchen porter job at the hotel",
	"Visit the garden centre together to ask about work",
	"Practise for Thursday's interview",
	"Weekly in-work check-in by phone",
	"Call the employer to agree reasonable adjustments",
	"Catch up after the CMHT meeting",
	"Search for warehouse jobs together",
	"Review job goals after their holiday",
	NULL};
static const char *const PASSWORD_WORDS[] = {
	"kestrel", "heather", "harbour", "lantern", "meadow", "granite", "bramble", "thistle",
	"curlew", "willow", "saltire", "orchard", "beacon", "pennine", "estuary", "coppice",
	"skylark", "hawthorn", "riverbank", "bluebell", "lighthouse", "moorland", "sandstone",
	"foxglove", "kingfisher", "marigold", "woodland", "hillside", "wagtail", "dandelion",
	"chestnut", "primrose", NULL};

/* ---- employers and jobs ------------------------------------------------------------------------ */
/* Made-up employers: a place word and a kind of business, so names look local and
 * never name a real firm. */
static const char *const EMPLOYER_PLACES[] = {
	"Riverside", "Northgate", "Station Road", "Victoria", "Bridge End", "Hillside", "Kingsway", "Abbey",
	"Harbour", "Meadowbank", "Market Square", "Westfield", "Eastgate", "Parkside", "Millbrook", "Castle",
	"Oakwood", "Beacon", "Quayside", "Greenacre", NULL};
static const struct {
	const char *kind, *sector;
} EMPLOYER_KINDS[] = {
	{"Bakery", "Food and drink"}, {"Garden Centre", "Horticulture"}, {"Hotel", "Hospitality"},
	{"Cafe", "Hospitality"}, {"Care Home", "Social care"}, {"Supermarket", "Retail"},
	{"Hardware", "Retail"}, {"Distribution Centre", "Logistics"}, {"Cleaning Services", "Facilities"},
	{"Print Works", "Manufacturing"}, {"Leisure Centre", "Leisure"}, {"Motors", "Motor trade"},
	{"Home Care", "Social care"}, {"Charity Shop", "Retail"}, {"Contact Centre", "Customer service"},
	{"Pet Supplies", "Retail"}, {"Kitchen and Bar", "Hospitality"}, {"Farm Shop", "Agriculture"},
	{"Packaging", "Manufacturing"}, {"Builders Merchants", "Construction"},
};
#define NEMPLOYER_KINDS (sizeof EMPLOYER_KINDS / sizeof EMPLOYER_KINDS[0])
static const char *const STREETS[] = {
	"High Street", "Station Road", "Market Place", "Church Lane", "Victoria Road", "Mill Lane",
	"Park Road", "Bridge Street", "Industrial Estate", "Retail Park", NULL};
static const char *const EMPLOYER_ROLES[] = {
	"manager", "owner", "HR adviser", "store manager", "head chef", "shift supervisor",
	"registered manager", "recruitment lead", NULL};
static const char *const EMPLOYER_ABOUT[] = {
	"Open to flexible and part-time hours", "Recruits for the summer season from April",
	"Has taken on people we support before", "Prefers an informal chat before an application",
	"Offers trial shifts", "Large site: ask for the named contact at reception", NULL};
static const char *const NOTES_EMPLOYER[] = {
	"Met the manager to ask about coming vacancies", "Introduced IPS and how we support employers",
	"Dropped in a CV and talked about the role", "Followed up after an interview",
	"Talked about reasonable adjustments for a new starter", "Visited to learn what the jobs involve",
	"Asked about trial shifts", "Checked in on how a new starter is settling", NULL};

/* Jobs people start: titles with their SOC 2020 unit group. */
static const struct {
	const char *title, *soc;
} JOBS_COMPETITIVE[] = {
	{"Sales assistant", "7111"}, {"Retail cashier", "7112"}, {"Kitchen assistant", "9263"},
	{"Waiter", "9264"}, {"Barista", "9266"}, {"Care worker", "6135"}, {"Call centre adviser", "7211"},
	{"Packer", "9132"}, {"Street cleaner", "9222"}, {"Chef", "5434"}, {"Cook", "5435"},
	{"Farm worker", "9111"}, {"Groundworker", "9121"}, {"Baker", "5432"},
	{"Healthcare assistant", "6131"}, {"Senior care worker", "6136"}, {"Data entry clerk", "4152"},
	{"Records clerk", "4131"}, {"Dispatch clerk", "4134"}, {"Pharmacy assistant", "7115"},
	{"Leisure centre assistant", "6211"}, {"Housekeeper", "6231"}, {"Gardener", "5112"},
	{"Midday supervisor", "9232"}, {"Industrial cleaner", "9131"}, {"Bar supervisor", "9261"},
	{"Sewing machinist", "8112"},
}, JOBS_SUPPORTED[] = {
	{"Workshop assistant in a supported workshop", "9132"},
	{"Cafe assistant on a supported work placement", "9266"},
};
#define NJOBS_COMPETITIVE (sizeof JOBS_COMPETITIVE / sizeof JOBS_COMPETITIVE[0])
#define NJOBS_SUPPORTED (sizeof JOBS_SUPPORTED / sizeof JOBS_SUPPORTED[0])
static const char *const END_REASONS[] = {
	"Contract finished", "Left for a job they liked better", "Resigned: the hours did not suit",
	"Dismissed", "Left because of ill health", "Seasonal work ended", NULL};

/* ---- job search ------------------------------------------------------------------------------ */
/* What each kind of employer advertises (EMPLOYER_KINDS by kind), with its SOC 2020 unit
 * group (data/soc2020.csv) and the conditions the job may involve (core/matching.h). */
static const struct {
	const char *kind, *title, *soc, *conditions;
} VACANCY_JOBS[] = {
	{"Bakery", "Baker", "5432", "early_starts,heavy_lifting"},
	{"Bakery", "Bakery sales assistant", "7111", "customer_facing,early_starts,weekends"},
	{"Bakery", "Kitchen assistant", "9263", "early_starts"},
	{"Garden Centre", "Garden centre assistant", "7111", "customer_facing,weekends"},
	{"Garden Centre", "Horticultural assistant", "5112", "heavy_lifting,early_starts"},
	{"Garden Centre", "Cafe assistant", "9266", "customer_facing,weekends"},
	{"Hotel", "Housekeeper", "6231", "early_starts,weekends"},
	{"Hotel", "Kitchen porter", "9263", "shifts,weekends"},
	{"Hotel", "Waiter or waitress", "9264", "customer_facing,shifts,weekends"},
	{"Hotel", "Night receptionist", "4216", "customer_facing,nights,lone_working"},
	{"Hotel", "Bar staff", "9265", "customer_facing,shifts,weekends"},
	{"Cafe", "Barista", "9266", "customer_facing,early_starts,weekends"},
	{"Cafe", "Cook", "5435", "early_starts"},
	{"Cafe", "Kitchen assistant", "9263", "weekends"},
	{"Care Home", "Care worker", "6135", "shifts,weekends,nights"},
	{"Care Home", "Senior care worker", "6136", "shifts,weekends"},
	{"Care Home", "Kitchen assistant", "9263", "early_starts,weekends"},
	{"Care Home", "Domestic assistant", "9223", "early_starts"},
	{"Supermarket", "Customer assistant", "7111", "customer_facing,weekends"},
	{"Supermarket", "Checkout operator", "7112", "customer_facing,weekends,shifts"},
	{"Supermarket", "Night shelf filler", "9241", "nights,heavy_lifting"},
	{"Supermarket", "Home delivery driver", "8214", "driving,early_starts"},
	{"Hardware", "Sales assistant", "7111", "customer_facing,weekends"},
	{"Hardware", "Warehouse assistant", "9252", "heavy_lifting"},
	{"Distribution Centre", "Warehouse operative", "9252", "heavy_lifting,shifts"},
	{"Distribution Centre", "Picker packer", "9132", "shifts,heavy_lifting"},
	{"Distribution Centre", "Stock control assistant", "4133", ""},
	{"Distribution Centre", "Delivery driver", "8214", "driving,lone_working,early_starts"},
	{"Cleaning Services", "Cleaner", "9223", "early_starts,lone_working"},
	{"Cleaning Services", "Evening office cleaner", "9229", "lone_working"},
	{"Cleaning Services", "Window cleaner", "9221", "lone_working,driving"},
	{"Print Works", "Print finishing operative", "8131", "shifts"},
	{"Print Works", "Packer", "9132", "shifts,heavy_lifting"},
	{"Print Works", "Admin assistant", "4159", ""},
	{"Leisure Centre", "Leisure assistant", "6211", "customer_facing,shifts,weekends"},
	{"Leisure Centre", "Receptionist", "4216", "customer_facing,weekends"},
	{"Leisure Centre", "Cleaner", "9223", "early_starts"},
	{"Motors", "Car valeter", "9229", "heavy_lifting"},
	{"Motors", "Parts adviser", "7115", "customer_facing"},
	{"Motors", "Admin assistant", "4159", ""},
	{"Home Care", "Home carer", "6135", "driving,lone_working,early_starts,weekends"},
	{"Home Care", "Care coordinator's assistant", "4159", ""},
	{"Charity Shop", "Shop assistant", "7111", "customer_facing"},
	{"Charity Shop", "Donations sorter", "8144", "heavy_lifting"},
	{"Contact Centre", "Customer service adviser", "7211", "shifts,customer_facing"},
	{"Contact Centre", "Customer service assistant", "7219", "customer_facing"},
	{"Contact Centre", "Data entry clerk", "4152", ""},
	{"Pet Supplies", "Sales assistant", "7111", "customer_facing,weekends"},
	{"Pet Supplies", "Animal care assistant", "6129", "weekends"},
	{"Kitchen and Bar", "Chef", "5434", "shifts,weekends"},
	{"Kitchen and Bar", "Kitchen porter", "9263", "shifts,weekends"},
	{"Kitchen and Bar", "Bar staff", "9265", "nights,weekends,customer_facing"},
	{"Kitchen and Bar", "Waiter or waitress", "9264", "customer_facing,weekends"},
	{"Farm Shop", "Farm worker", "9111", "early_starts,heavy_lifting"},
	{"Farm Shop", "Shop assistant", "7111", "customer_facing,weekends"},
	{"Farm Shop", "Butchery assistant", "5431", "early_starts"},
	{"Packaging", "Packer", "9132", "shifts"},
	{"Packaging", "Machine operative", "8114", "shifts,nights"},
	{"Packaging", "Warehouse operative", "9252", "heavy_lifting,shifts"},
	{"Builders Merchants", "Yard operative", "9252", "heavy_lifting,early_starts"},
	{"Builders Merchants", "Counter assistant", "7111", "customer_facing"},
	{"Builders Merchants", "Van driver", "8214", "driving"},
};
#define NVACANCY_JOBS (sizeof VACANCY_JOBS / sizeof VACANCY_JOBS[0])
static const char *const VACANCY_SOURCES[] = {
	"Find a job (DWP)", "Indeed", "Employer contact", "Jobcentre Plus", "Notice in the shop window",
	"Local newspaper", "Council jobs board", "Word of mouth", NULL};
static const char *const VACANCY_ABOUT[] = {
	"Friendly small team; training given from the first day.",
	"No experience needed: full training and uniform provided.",
	"Regular hours agreed in advance; overtime available.",
	"Part of a busy team; the manager is happy to talk to the employment specialist first.",
	"Trial shift before an offer. Free parking on site.",
	"Must be able to start within a month. References needed.",
	"Staff discount and paid breaks.",
	NULL};
/* SOC 2020 unit groups for the kinds of work in the profile's own words (JOB_TYPES). */
static const char *const JOB_TYPE_CODES[] = {
	"7111,7112,9241", "5112,5113,9111", "6135,6136", "9263,5435,9266", "4159,4152,4216",
	"9252,9132", "3132", "6129", "8214", "9223,9229", "7211,7219"};
static const struct weighted AVOID[] = {
	{"nights", 30}, {"early_starts", 18}, {"customer_facing", 14}, {"driving", 12}, {"weekends", 10},
	{"heavy_lifting", 8}, {"shifts", 5}, {"lone_working", 3}, {NULL, 0}};
static const char *const BENEFITS_COVERED[] = {
	"Universal Credit: how the work allowance and the taper work when wages start, with a "
	"better-off calculation for the hours offered",
	"ESA permitted work: the weekly earnings limit and the hours, and telling DWP before starting",
	"Universal Credit and housing costs: what changes when work starts and how to report earnings",
	"PIP is not affected by work; Universal Credit reduces by 55p for each pound over the work allowance",
	"Moving from ESA to Universal Credit when taking a job of more than 16 hours",
	"Council Tax Support and free prescriptions once working",
	NULL};
static const char *const BENEFITS_FOLLOW_UP[] = {
	"Check the first Universal Credit statement together after the first payday",
	"Ring the Jobcentre work coach together to report the start date",
	"Book a welfare rights appointment about the housing element",
	NULL};

/* ---- the plan ------------------------------------------------------------------------------- */
struct demo_team {
	int site;                        /* index into the made sites */
	const char *code, *name;
	const char *const *outward;
	int64_t id;
	int leader, clinician;           /* staff indexes */
	int first_specialist, nspecialists;
	int weight, open_final;
};

struct demo_staff {
	const char *username, *name, *role;
	int team;                        /* -1: works across sites */
	int fte, factor;                 /* hundredths; factor: how full the rota lets them get */
	int load;                        /* open referrals allocated now */
	int load_today;                  /* of those allocated so far, the ones still open today */
	struct actor who;
	int *open, nopen, capopen;       /* people on the caseload as the replay goes */
};

struct demo_person {
	int team, same_as;               /* same_as: an earlier person referred again, or -1 */
	const char *given, *family, *nhs, *birth, *postcode, *phone, *email, *gender, *ethnic;
	const char *source, *status, *reason, *referrer_name, *referrer_contact, *care_coordinator;
	bool public_form, referred_again;
	day_t received, allocated, closed;   /* 0: not (yet) */
	const char *close_reason;
	int consent;                     /* -1 not asked, 0 no, 1 yes */
	int64_t referral_id, client_id;
	int specialist;                  /* staff index once allocated, else -1 */
	const char *job_codes, *pay_min, *avoid;   /* matching preferences, once drawn */
};

struct demo_contact {
	int person;
	const char *with, *mode, *place, *note;
	int minutes;                     /* -1: not recorded */
	bool attended;
};

struct demo_job {
	int person;
	const char *title, *soc, *hours, *pay, *end_reason;   /* pay NULL: not recorded */
	bool competitive;
	int app;                         /* 1 + the job-search step it came from, or 0 */
	int64_t id;                      /* once started */
};

/* A vacancy: the plan says when it is found, when it closes and what became of it; the
 * employer, title and terms are drawn as it is added. One is either for a person's job
 * search (an application) or one of the site's open vacancies today. */
struct demo_vacancy {
	int site, person;                /* person: whose specialist found it, or -1 */
	int job;                         /* 1 + the job it was filled by, or 0 */
	day_t closing, fate_day;         /* 0: no closing date; not (yet) filled or closed */
	const char *fate;                /* filled, closed, withdrawn */
	int staff;                       /* who added it, once added */
	struct vacancy_form f;           /* as added, kept for the change of status */
	int64_t id;
};

/* A step of a person's job search, with the day each stage is reached (0: not reached). */
struct demo_application {
	int person, vacancy;             /* vacancy: 1 + index, or 0 for a speculative approach */
	int job;                         /* 1 + the job it led to, or 0 */
	day_t identified, applied, interview, offer, outcome_on;
	const char *outcome;             /* started, not_successful, or NULL */
	const char *title, *employer;    /* a speculative approach's, drawn when added */
	int64_t id;
};

/* A specialist's contact with an employer; the employer, and the person it is on
 * behalf of (from their caseload at the time), are drawn during the replay. */
struct demo_employer_contact {
	int staff;
	const char *mode, *place, *note;
	int minutes;
	bool attended, on_behalf;
};

enum event_kind { EV_REFER, EV_ALLOCATE, EV_CONTACT, EV_CONSENT, EV_PROFILE, EV_NEXT_STEP, EV_CLOSE,
		  EV_JOB_START, EV_JOB_END, EV_EMPLOYER_CONTACT, EV_VACANCY, EV_VACANCY_FATE, EV_APPLICATION,
		  EV_BENEFITS };

struct demo_event {
	day_t day;
	int secs;                        /* seconds after midnight (UTC) */
	int seq;
	int kind, person, item;
};

struct demo {
	struct rng rng;
	struct arena *keep;              /* the plan and the actors: lives for the whole run */
	struct app *app;
	day_t today, first_day;
	time_t real_now, clock;
	int nsites;
	const struct site_data *sites[2];
	int64_t site_ids[2];
	struct demo_team teams[6];
	int nteams;
	struct demo_staff *staff;
	int nstaff, capstaff;
	struct demo_person *people;
	int npeople;
	struct demo_contact *contacts;
	int ncontacts, capcontacts;
	struct demo_event *events;
	int nevents, capevents;
	unsigned char *nhs_used;         /* bitmap over the six free digits of 999xxxxxx */
	bool tty;
	int made_referrals, made_contacts, made_profiles;
	struct demo_job *jobs;
	int njobs, capjobs;
	struct demo_employer_contact *ecs;
	int necs, capecs;
	int64_t *employers[2];           /* ids of each site's employers, once made */
	int nemployers[2];
	int made_employers, made_employer_contacts, made_jobs, ended_jobs;
	/* job search: drawn from a stream of its own, so that adding it left the people,
	 * referrals and contacts of every seed as they were */
	struct rng js;
	int *employer_kind[2];           /* EMPLOYER_KINDS index of each employer */
	const char **employer_pc[2];     /* and its postcode */
	int open_vacancies;              /* per site, --vacancies */
	struct demo_vacancy *vacancies;
	int nvacancies, capvacancies;
	struct demo_application *apps;
	int napps, capapps;
	int made_vacancies, made_applications, made_benefits;
};

static void *grow(void *p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return p;
	int ncap = *cap ? *cap * 2 : 256;
	while (ncap < need)
		ncap *= 2;
	void *np = realloc(p, (size_t)ncap * size);
	if (!np) {
		fprintf(stderr, "ipsdesk: out of memory\n");
		exit(1);
	}
	*cap = ncap;
	return np;
}

static void event_add_r(struct demo *d, struct rng *r, day_t day, int kind, int person, int item)
{
	static const int start[] = {
		[EV_REFER] = 9 * 3600, [EV_ALLOCATE] = 11 * 3600, [EV_CONTACT] = 12 * 3600,
		[EV_CONSENT] = 16 * 3600, [EV_PROFILE] = 16 * 3600, [EV_NEXT_STEP] = 16 * 3600 + 1800,
		[EV_CLOSE] = 17 * 3600, [EV_JOB_START] = 15 * 3600, [EV_JOB_END] = 15 * 3600 + 1800,
		[EV_EMPLOYER_CONTACT] = 10 * 3600, [EV_VACANCY] = 8 * 3600 + 1800,
		[EV_VACANCY_FATE] = 16 * 3600, [EV_APPLICATION] = 13 * 3600 + 1800, [EV_BENEFITS] = 12 * 3600,
	};
	static const int span[] = {
		[EV_REFER] = 7200, [EV_ALLOCATE] = 3600, [EV_CONTACT] = 4 * 3600, [EV_CONSENT] = 1800,
		[EV_PROFILE] = 1800, [EV_NEXT_STEP] = 1800, [EV_CLOSE] = 1800, [EV_JOB_START] = 1800,
		[EV_JOB_END] = 1800, [EV_EMPLOYER_CONTACT] = 6 * 3600, [EV_VACANCY] = 3600,
		[EV_VACANCY_FATE] = 1800, [EV_APPLICATION] = 3600, [EV_BENEFITS] = 5400,
	};
	d->events = grow(d->events, &d->capevents, d->nevents + 1, sizeof *d->events);
	d->events[d->nevents] = (struct demo_event){
		.day = day, .secs = start[kind] + rng_range(r, 0, span[kind] - 1),
		.seq = d->nevents, .kind = kind, .person = person, .item = item,
	};
	d->nevents++;
}

static void event_add(struct demo *d, day_t day, int kind, int person, int item)
{
	event_add_r(d, &d->rng, day, kind, person, item);
}

static int event_cmp(const void *a, const void *b)
{
	const struct demo_event *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->secs != y->secs)
		return x->secs < y->secs ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The next weekday on or after day (services record on working days). */
static day_t weekday_on_or_after(day_t day)
{
	while (date_weekday(day) >= 5)
		day++;
	return day;
}

static day_t weekday_on_or_before(day_t day)
{
	while (date_weekday(day) >= 5)
		day--;
	return day;
}

static const char *iso(struct demo *d, day_t day)
{
	char *s = arena_alloc(d->keep, 11);
	date_iso(day, s);
	return s;
}

/* An NHS number in the 999 range, which the NHS keeps for test data and never issues
 * to a person: 999 and six random digits, drawn again when the check digit would be 10
 * or the number is already used. */
static const char *nhs_number_new(struct demo *d)
{
	for (;;) {
		int six = rng_range(&d->rng, 0, 999999);
		if (d->nhs_used[six / 8] & (1u << (six % 8)))
			continue;
		char nine[10];
		snprintf(nine, sizeof nine, "999%06d", six);
		int check = nhs_number_check_digit(nine);
		if (check < 0)
			continue;
		d->nhs_used[six / 8] |= (unsigned char)(1u << (six % 8));
		return arena_printf(d->keep, "%s%d", nine, check);
	}
}

static const char *phone_number(struct demo *d, const char *prefix)
{
	return arena_printf(d->keep, "%s%03d", prefix, rng_range(&d->rng, 0, 999));
}

/* The letters a postcode's inward part may use (never C I K M O V). */
static const char *postcode_new(struct demo *d, const char *const *outward)
{
	static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
	int n = (int)strlen(letters);
	return arena_printf(d->keep, "%s %d%c%c", rng_pick(&d->rng, outward), rng_range(&d->rng, 1, 9),
			    letters[rng_range(&d->rng, 0, n - 1)], letters[rng_range(&d->rng, 0, n - 1)]);
}

/* given.family12@example.com, in lower-case ASCII (letters outside it are left out). */
static const char *email_new(struct demo *d, const char *given, const char *family)
{
	char local[80];
	size_t n = 0;
	for (const char *p = given; *p && n < 30; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			local[n++] = (char)(*p | 0x20);
	local[n++] = '.';
	for (const char *p = family; *p && n < 60; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			local[n++] = (char)(*p | 0x20);
	local[n] = 0;
	static const char *const domains[] = {"example.com", "example.org", "example.net", NULL};
	if (rng_percent(&d->rng, 50))
		return arena_printf(d->keep, "%s%d@%s", local, rng_range(&d->rng, 1, 99), rng_pick(&d->rng, domains));
	return arena_printf(d->keep, "%s@%s", local, rng_pick(&d->rng, domains));
}

/* A name from one of the groups; *ethnic gets one of the group's categories. */
static void name_new(struct demo *d, const char *gender, const char **given, const char **family,
		     const char **ethnic)
{
	int total = 0;
	for (size_t i = 0; i < NGROUPS; i++)
		total += GROUPS[i].weight;
	int x = rng_range(&d->rng, 0, total - 1);
	const struct name_group *g = &GROUPS[0];
	for (size_t i = 0; i < NGROUPS; i++) {
		if (x < GROUPS[i].weight) {
			g = &GROUPS[i];
			break;
		}
		x -= GROUPS[i].weight;
	}
	bool male = strcmp(gender, "1") == 0 || (strcmp(gender, "2") != 0 && rng_percent(&d->rng, 50));
	*given = rng_pick(&d->rng, male ? g->male : g->female);
	*family = rng_pick(&d->rng, g->family);
	if (ethnic) {
		size_t n = strlen(g->ethnic);
		char code[2] = {g->ethnic[rng_range(&d->rng, 0, (int)n - 1)], 0};
		*ethnic = arena_strdup(d->keep, code);
		if (rng_percent(&d->rng, 4))
			*ethnic = "Z";        /* not stated */
		else if (rng_percent(&d->rng, 2))
			*ethnic = "99";       /* not known */
	}
}

static const char *staff_name_new(struct demo *d)
{
	const char *given, *family;
	name_new(d, rng_percent(&d->rng, 60) ? "2" : "1", &given, &family, NULL);
	return arena_printf(d->keep, "%s %s", given, family);
}

/* A birth date giving an age at referral from 18 to 64, most often 25 to 50. */
static const char *birth_date_new(struct demo *d, day_t received)
{
	int age = rng_percent(&d->rng, 10) ? rng_range(&d->rng, 18, 64)
					   : (rng_range(&d->rng, 18, 64) + rng_range(&d->rng, 20, 50)) / 2;
	int ry, rm, rd;
	date_to_ymd(received, &ry, &rm, &rd);
	int bm = rng_range(&d->rng, 1, 12), bd = rng_range(&d->rng, 1, 31);
	int by = ry - age;
	if (bm > rm || (bm == rm && bd > rd))
		by--;   /* birthday not yet reached this year */
	if (bd > date_days_in_month(by, bm))
		bd = date_days_in_month(by, bm);
	return iso(d, date_from_ymd(by, bm, bd));
}

static struct demo_staff *staff_add(struct demo *d, const char *username, const char *role, int team)
{
	d->staff = grow(d->staff, &d->capstaff, d->nstaff + 1, sizeof *d->staff);
	struct demo_staff *s = &d->staff[d->nstaff++];
	memset(s, 0, sizeof *s);
	s->username = username;
	s->role = role;
	s->team = team;
	s->name = staff_name_new(d);
	s->fte = 100;
	s->factor = 100;
	return s;
}

/* Who referred the person, as the referral form asks. */
static void referrer_new(struct demo *d, struct demo_person *p)
{
	const char *area = d->sites[d->teams[p->team].site]->phone;
	p->referrer_name = p->referrer_contact = NULL;
	if (strcmp(p->source, "gp") == 0) {
		p->referrer_name = arena_printf(d->keep, "Dr %s", staff_name_new(d));
		p->referrer_contact = phone_number(d, area);
	} else if (strcmp(p->source, "mental_health_professional") == 0) {
		p->referrer_name = arena_printf(d->keep, "%s, %s", staff_name_new(d), rng_pick(&d->rng, MHP_ROLES));
		p->referrer_contact = phone_number(d, area);
	} else if (strcmp(p->source, "other") == 0) {
		p->referrer_name = arena_printf(d->keep, "%s, %s", staff_name_new(d), rng_pick(&d->rng, OTHER_ROLES));
		p->referrer_contact = phone_number(d, area);
	}
}

static const char *missed_note(struct demo *d, const char *mode)
{
	return rng_pick(&d->rng, strcmp(mode, "phone") == 0 ? NOTES_MISSED_CALL : NOTES_MISSED_MEETING);
}

/* The contacts of one allocated referral, from allocation to closure (or today). */
static void plan_contacts(struct demo *d, int pi, bool engages)
{
	struct demo_person *p = &d->people[pi];
	day_t end = p->closed ? p->closed : d->today;
	day_t day = p->allocated + rng_range(&d->rng, 1, 10);
	bool met = false;
	int first = d->ncontacts;
	day_t last_day = 0;
	while (1) {
		day = weekday_on_or_after(day);
		if (day > end)
			break;
		d->contacts = grow(d->contacts, &d->capcontacts, d->ncontacts + 1, sizeof *d->contacts);
		struct demo_contact *c = &d->contacts[d->ncontacts];
		*c = (struct demo_contact){.person = pi, .with = "client", .minutes = -1, .attended = true};
		int x = rng_range(&d->rng, 0, 99);
		if (!engages) {
			/* attempts to reach someone who never takes up the offer */
			c->mode = x < 50 ? "phone" : x < 80 ? "text" : "letter";
			c->attended = strcmp(c->mode, "phone") != 0;
			c->note = c->attended ? NULL : missed_note(d, c->mode);
			c->minutes = strcmp(c->mode, "letter") == 0 ? 10 : 5;
		} else if (!met) {
			/* the first meeting, face to face where the person prefers */
			c->mode = "face_to_face";
			c->place = rng_percent(&d->rng, 55) ? "community" : "office";
			c->attended = rng_percent(&d->rng, 85);
			c->minutes = c->attended ? 5 * rng_range(&d->rng, 9, 18) : 15;
			c->note = c->attended ? "First meeting: talked about work hopes and what has helped before"
					      : missed_note(d, c->mode);
			if (c->attended) {
				met = true;
				if (rng_percent(&d->rng, 65)) {
					p->consent = rng_percent(&d->rng, 80) ? 1 : 0;
					event_add(d, day, EV_CONSENT, pi, 0);
				}
				if (rng_percent(&d->rng, 30)) {
					day_t pd = weekday_on_or_after(day + rng_range(&d->rng, 7, 28));
					if (pd <= end)
						event_add(d, pd, EV_PROFILE, pi, 0);
					pd = weekday_on_or_after(pd + rng_range(&d->rng, 60, 200));
					if (pd <= end && rng_percent(&d->rng, 25))
						event_add(d, pd, EV_PROFILE, pi, 1);
				} else if (rng_percent(&d->js, 70)) {
					/* most people's preferences are written down in the first weeks */
					day_t pd = weekday_on_or_after(day + rng_range(&d->js, 3, 28));
					if (pd <= end)
						event_add_r(d, &d->js, pd, EV_PROFILE, pi, 2);
				}
			}
		} else if (x < 78) {
			int m = rng_range(&d->rng, 0, 99);
			c->mode = m < 50 ? "face_to_face" : m < 72 ? "phone" : m < 80 ? "video" : m < 90 ? "text"
				: m < 97 ? "email" : "letter";
			bool direct = code_mode_is_direct(c->mode);
			c->attended = !direct || rng_percent(&d->rng, 88);
			if (strcmp(c->mode, "face_to_face") == 0) {
				c->place = rng_percent(&d->rng, 65) ? "community" : "office";
				c->minutes = c->attended ? 5 * rng_range(&d->rng, 6, 18) : 15;
			} else if (strcmp(c->mode, "phone") == 0) {
				c->minutes = c->attended ? rng_range(&d->rng, 5, 30) : 2;
			} else if (strcmp(c->mode, "video") == 0) {
				c->minutes = c->attended ? 5 * rng_range(&d->rng, 4, 12) : 5;
			} else {
				c->minutes = strcmp(c->mode, "letter") == 0 ? 15 : rng_range(&d->rng, 2, 10);
			}
			if (rng_percent(&d->rng, 10))
				c->minutes = -1;
			if (!c->attended)
				c->note = missed_note(d, c->mode);
			else if (rng_percent(&d->rng, 45))
				c->note = rng_pick(&d->rng, NOTES_CLIENT);
		} else if (x < 92) {
			c->with = "clinical_team";
			int m = rng_range(&d->rng, 0, 99);
			c->mode = m < 45 ? "face_to_face" : m < 75 ? "phone" : m < 90 ? "email" : "video";
			if (strcmp(c->mode, "face_to_face") == 0)
				c->place = rng_percent(&d->rng, 85) ? "office" : "community";
			c->minutes = strcmp(c->mode, "email") == 0 ? 5 : 5 * rng_range(&d->rng, 2, 9);
			if (rng_percent(&d->rng, 60))
				c->note = rng_pick(&d->rng, NOTES_TEAM);
		} else {
			c->with = "family";
			int m = rng_range(&d->rng, 0, 99);
			c->mode = m < 60 ? "phone" : m < 85 ? "face_to_face" : m < 95 ? "email" : "letter";
			if (strcmp(c->mode, "face_to_face") == 0)
				c->place = "community";
			c->minutes = 5 * rng_range(&d->rng, 2, 8);
			if (rng_percent(&d->rng, 60))
				c->note = rng_pick(&d->rng, NOTES_FAMILY);
		}
		event_add(d, day, EV_CONTACT, pi, d->ncontacts);
		d->ncontacts++;
		last_day = day;
		/* weekly or fortnightly at first, then monthly or so for people long in the service */
		int since = day - p->allocated;
		day += !engages ? rng_range(&d->rng, 7, 21) : !met ? rng_range(&d->rng, 2, 7)
			: since < 90 ? rng_range(&d->rng, 5, 14) : rng_range(&d->rng, 10, 32);
	}
	/* lost contact: the last tries went unanswered, then a letter */
	if (p->close_reason && strcmp(p->close_reason, "lost_contact") == 0) {
		for (int i = d->ncontacts - 1, k = 0; i >= first && k < 3; i--) {
			struct demo_contact *c = &d->contacts[i];
			if (strcmp(c->with, "client") != 0)
				continue;
			c->mode = k == 0 ? "letter" : "phone";
			c->place = NULL;
			c->attended = k == 0;
			c->minutes = k == 0 ? 15 : 2;
			c->note = k == 0 ? "Letter asking them to get in touch if they want support again"
					 : missed_note(d, c->mode);
			k++;
		}
	}
	if (!p->closed && rng_percent(&d->rng, 85))
		event_add(d, last_day ? last_day : p->allocated, EV_NEXT_STEP, pi, 0);
}

/* ---- job search: vacancies, applications and benefits advice ---------------------------------- */
static const char *pence_text(struct demo *d, int64_t pence)
{
	return arena_printf(d->keep, "%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
}

/* The adult minimum wage today, in pence. */
static int64_t adult_minimum(struct demo *d)
{
	struct nmw_minimum m;
	return nmw_minimum_for(d->app->today, -1, &m) ? m.band->pence : 1221;
}

static day_t later(day_t a, day_t b)
{
	return a > b ? a : b;
}

/* The last day something may be recorded for the person: the day before their referral
 * closed, or today. */
static day_t open_until(const struct demo *d, const struct demo_person *p)
{
	return p->closed ? p->closed - 1 : d->today;
}

static int vacancy_plan(struct demo *d, int site, int person, day_t added)
{
	d->vacancies = grow(d->vacancies, &d->capvacancies, d->nvacancies + 1, sizeof *d->vacancies);
	struct demo_vacancy *v = &d->vacancies[d->nvacancies];
	memset(v, 0, sizeof *v);
	v->site = site;
	v->person = person;
	v->staff = -1;
	event_add_r(d, &d->js, later(added, d->first_day), EV_VACANCY, person, d->nvacancies);
	return d->nvacancies++;
}

/* What became of a vacancy, on day (not recorded when that is after today). */
static void vacancy_fate(struct demo *d, int vi, const char *fate, day_t day)
{
	struct demo_vacancy *v = &d->vacancies[vi];
	if (day > d->today)
		return;
	v->fate = fate;
	v->fate_day = day;
	event_add_r(d, &d->js, day, EV_VACANCY_FATE, v->person, vi);
}

static int application_plan(struct demo *d, int pi)
{
	d->apps = grow(d->apps, &d->capapps, d->napps + 1, sizeof *d->apps);
	struct demo_application *a = &d->apps[d->napps];
	memset(a, 0, sizeof *a);
	a->person = pi;
	return d->napps++;
}

/* One replay event for each day a stage of the step is reached, while the referral is open. */
static void application_events(struct demo *d, int ai)
{
	const struct demo_application *a = &d->apps[ai];
	day_t end = open_until(d, &d->people[a->person]);
	day_t days[] = {a->identified, a->applied, a->interview, a->offer, a->outcome_on};
	day_t last = 0;
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		if (!days[i] || days[i] == last || days[i] > end)
			continue;
		event_add_r(d, &d->js, days[i], EV_APPLICATION, a->person, ai);
		last = days[i];
	}
}

/* Before a job starts: benefits advice for most people, and for most competitive jobs
 * the job-search step it came from (an advertised vacancy, which it fills, or now and
 * then a speculative approach), moving through applied, interview and offer. */
static void plan_job_search_for_job(struct demo *d, int pi, int ji, day_t start)
{
	const struct demo_person *p = &d->people[pi];
	day_t lo = weekday_on_or_after(p->allocated + 1);
	if (rng_percent(&d->js, 82))
		event_add_r(d, &d->js, later(weekday_on_or_before(start - rng_range(&d->js, 2, 35)), lo), EV_BENEFITS,
			    pi, 0);
	if (!d->jobs[ji].competitive || !rng_percent(&d->js, 75))
		return;
	int ai = application_plan(d, pi);
	struct demo_application *a = &d->apps[ai];
	a->offer = later(weekday_on_or_before(start - rng_range(&d->js, 0, 10)), lo);
	a->interview = later(weekday_on_or_before(a->offer - rng_range(&d->js, 0, 7)), lo);
	a->applied = later(weekday_on_or_before(a->interview - rng_range(&d->js, 2, 14)), lo);
	a->identified = later(weekday_on_or_before(a->applied - rng_range(&d->js, 0, 4)), lo);
	a->outcome = "started";
	a->outcome_on = start;
	a->job = ji + 1;
	d->jobs[ji].app = ai + 1;
	if (rng_percent(&d->js, 85)) {
		int vi = vacancy_plan(d, d->teams[p->team].site, pi,
				      weekday_on_or_before(a->identified - rng_range(&d->js, 0, 7)));
		struct demo_vacancy *v = &d->vacancies[vi];
		v->job = ji + 1;
		if (rng_percent(&d->js, 85))
			v->closing = a->applied + rng_range(&d->js, 2, 20);
		a = &d->apps[ai];
		a->vacancy = vi + 1;
		vacancy_fate(d, vi, "filled", start);
	}
	application_events(d, ai);
}

static const struct weighted APPLICATIONS_PER_PERSON[] = {
	{"0", 28}, {"1", 30}, {"2", 20}, {"3", 13}, {"4", 9}, {NULL, 0}};
static const struct weighted VACANCY_FATES[] = {
	{"filled", 65}, {"closed", 30}, {"withdrawn", 5}, {NULL, 0}};

/* The rest of an engaged person's job search: vacancies found and approaches made that
 * came to nothing, or are still going on today; benefits advice early on for some. */
static void plan_applications(struct demo *d, int pi)
{
	const struct demo_person *p = &d->people[pi];
	day_t end = open_until(d, p);
	if (end < p->allocated + 10)
		return;
	if (rng_percent(&d->js, 25)) {
		day_t b = weekday_on_or_after(p->allocated + rng_range(&d->js, 14, 90));
		if (b <= end)
			event_add_r(d, &d->js, b, EV_BENEFITS, pi, 0);
	}
	int n = atoi(rng_weighted(&d->js, APPLICATIONS_PER_PERSON));
	for (int k = 0; k < n; k++) {
		day_t found = weekday_on_or_after(p->allocated + rng_range(&d->js, 7, (int)(end - p->allocated)));
		if (found > end)
			continue;
		int ai = application_plan(d, pi);
		struct demo_application *a = &d->apps[ai];
		a->identified = found;
		if (rng_percent(&d->js, 88))
			a->applied = weekday_on_or_after(found + rng_range(&d->js, 0, 3));
		if (a->applied && rng_percent(&d->js, 35))
			a->interview = weekday_on_or_after(a->applied + rng_range(&d->js, 4, 14));
		day_t last = a->interview ? a->interview : a->applied ? a->applied : found;
		a->outcome = "not_successful";
		a->outcome_on = weekday_on_or_after(last + rng_range(&d->js, 3, 21));
		if (rng_percent(&d->js, 80)) {
			int vi = vacancy_plan(d, d->teams[p->team].site, pi,
					      weekday_on_or_before(found - rng_range(&d->js, 0, 10)));
			struct demo_vacancy *v = &d->vacancies[vi];
			day_t fate;
			if (rng_percent(&d->js, 88)) {
				v->closing = (a->applied ? a->applied : found) + rng_range(&d->js, 3, 25);
				fate = v->closing + rng_range(&d->js, 1, 14);
			} else {
				fate = found + rng_range(&d->js, 21, 60);
			}
			d->apps[ai].vacancy = vi + 1;
			vacancy_fate(d, vi, rng_weighted(&d->js, VACANCY_FATES), weekday_on_or_after(fate));
		}
		application_events(d, ai);
	}
}

/* Each site's vacancies that nobody here applied for: the open ones today (found in the
 * last six weeks, most with a closing date to come), and older ones over the two years
 * that were filled, closed or withdrawn, a few left open after their closing date. */
static void plan_vacancies(struct demo *d)
{
	for (int s = 0; s < d->nsites; s++) {
		for (int i = 0; i < d->open_vacancies; i++) {
			int vi = vacancy_plan(d, s, -1, weekday_on_or_before(d->today - rng_range(&d->js, 0, 41)));
			if (rng_percent(&d->js, 85))
				d->vacancies[vi].closing = d->today + rng_range(&d->js, 1, 42);
		}
		int older = d->open_vacancies / 8 + 5;
		for (int i = 0; i < older; i++) {
			day_t added = weekday_on_or_before(d->today - rng_range(&d->js, 43, DEMO_DAYS - 1));
			int vi = vacancy_plan(d, s, -1, added);
			d->vacancies[vi].closing = later(added, d->first_day) + rng_range(&d->js, 14, 42);
			if (!rng_percent(&d->js, 6))
				vacancy_fate(d, vi, rng_weighted(&d->js, VACANCY_FATES),
					     weekday_on_or_after(d->vacancies[vi].closing + rng_range(&d->js, 0, 20)));
		}
	}
}

/* Hourly pay for a job starting on day for someone born on birth: at or a little above
 * the minimum wage for their age then (core/wages.c), now and then below it (which
 * ipsdesk flags), sometimes not recorded. */
static const char *job_pay(struct demo *d, day_t day, const char *birth)
{
	if (rng_percent(&d->rng, 15))
		return NULL;
	day_t born;
	int age = birth && date_parse(birth, &born) ? date_age(born, day) : -1;
	struct nmw_minimum m;
	int64_t pence = nmw_minimum_for(day, age, &m) ? m.band->pence : 1221;
	if (rng_percent(&d->rng, 3))
		pence -= 5 * rng_range(&d->rng, 4, 30);
	else if (rng_percent(&d->rng, 60))
		pence += 5 * rng_range(&d->rng, 0, 60);
	return arena_printf(d->keep, "%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
}

static const char *job_hours(struct demo *d)
{
	int x = rng_range(&d->rng, 0, 99);
	int h = x < 30 ? rng_range(&d->rng, 8, 15) : x < 80 ? rng_range(&d->rng, 16, 29) : rng_range(&d->rng, 30, 37);
	return rng_percent(&d->rng, 15) ? arena_printf(d->keep, "%d.5", h) : arena_printf(d->keep, "%d", h);
}

/* The jobs of an engaged person: about half start one (everyone who leaves for
 * sustained work, at least 13 weeks before leaving), some a second or third; some
 * end while the referral is open; a few are not competitive. */
static void plan_jobs(struct demo *d, int pi)
{
	struct demo_person *p = &d->people[pi];
	day_t end = p->closed ? p->closed - 1 : d->today;   /* recorded while the referral is open */
	bool sustained = p->close_reason && strcmp(p->close_reason, "sustained_work") == 0;
	day_t latest = 0;
	if (sustained) {
		latest = weekday_on_or_before(p->closed - 95);
		if (latest < p->allocated + 14) {
			p->close_reason = "person_choice";   /* too short a stay for sustained work */
			sustained = false;
		}
	}
	if (!sustained && !rng_percent(&d->rng, 45))
		return;
	day_t start = weekday_on_or_after(p->allocated + rng_range(&d->rng, 21, 200));
	if (sustained && start > latest)
		start = latest;
	int n = 1 + (rng_percent(&d->rng, 20) ? 1 + rng_percent(&d->rng, 25) : 0);
	for (int k = 0; k < n && start <= end; k++) {
		d->jobs = grow(d->jobs, &d->capjobs, d->njobs + 1, sizeof *d->jobs);
		struct demo_job *j = &d->jobs[d->njobs];
		*j = (struct demo_job){.person = pi, .competitive = !rng_percent(&d->rng, 8)};
		if (j->competitive) {
			size_t t = (size_t)rng_range(&d->rng, 0, (int)NJOBS_COMPETITIVE - 1);
			j->title = JOBS_COMPETITIVE[t].title;
			j->soc = JOBS_COMPETITIVE[t].soc;
		} else {
			size_t t = (size_t)rng_range(&d->rng, 0, (int)NJOBS_SUPPORTED - 1);
			j->title = JOBS_SUPPORTED[t].title;
			j->soc = JOBS_SUPPORTED[t].soc;
		}
		j->hours = job_hours(d);
		j->pay = job_pay(d, start, p->birth);
		event_add(d, start, EV_JOB_START, pi, d->njobs);
		plan_job_search_for_job(d, pi, d->njobs, start);
		day_t ended = 0;
		if (!(sustained && k == 0) && rng_percent(&d->rng, 45)) {
			ended = weekday_on_or_after(start + rng_range(&d->rng, 14, 240));
			if (ended <= end) {
				j->end_reason = rng_pick(&d->rng, END_REASONS);
				event_add(d, ended, EV_JOB_END, pi, d->njobs);
			} else {
				ended = 0;
			}
		}
		d->njobs++;
		/* the next job: alongside this one, or after it ended */
		start = weekday_on_or_after((ended ? ended : start) + rng_range(&d->rng, 20, 250));
	}
}

/* Each specialist's contacts with employers, week by week over the two years: about 4
 * to 8 face to face a week for a full-time post (pro rata; each specialist has their
 * own range), a few calls and emails, and the odd week away. */
static void plan_employer_contacts(struct demo *d)
{
	day_t monday = d->first_day - date_weekday(d->first_day);
	for (int s = 0; s < d->nstaff; s++) {
		if (strcmp(d->staff[s].role, "specialist") != 0)
			continue;
		/* some specialists get out to employers more than others */
		int lo = rng_range(&d->rng, 4, 5), hi = rng_range(&d->rng, 6, 8);
		for (day_t week = monday; week <= d->today; week += 7) {
			if (rng_percent(&d->rng, 5))
				continue;   /* leave, training */
			int f2f = (rng_range(&d->rng, lo, hi) * d->staff[s].fte + 50) / 100;
			int other = rng_range(&d->rng, 0, 2);
			for (int i = 0; i < f2f + other; i++) {
				day_t day = week + rng_range(&d->rng, 0, 4);
				if (day < d->first_day || day > d->today)
					continue;
				d->ecs = grow(d->ecs, &d->capecs, d->necs + 1, sizeof *d->ecs);
				struct demo_employer_contact *c = &d->ecs[d->necs];
				bool face = i < f2f;
				*c = (struct demo_employer_contact){
					.staff = s, .mode = face ? "face_to_face" : rng_percent(&d->rng, 60) ? "phone" : "email",
					.on_behalf = rng_percent(&d->rng, 55), .note = rng_pick(&d->rng, NOTES_EMPLOYER),
				};
				c->place = face ? (rng_percent(&d->rng, 90) ? "community" : "office") : NULL;
				c->attended = face ? rng_percent(&d->rng, 96) : strcmp(c->mode, "phone") != 0 || rng_percent(&d->rng, 85);
				c->minutes = face ? 5 * rng_range(&d->rng, 3, 12) : strcmp(c->mode, "phone") == 0 ? rng_range(&d->rng, 3, 20) : 5;
				event_add(d, day, EV_EMPLOYER_CONTACT, -1, d->necs);
				d->necs++;
			}
		}
	}
}

/* One person's journey: referral, allocation (or still waiting), contacts, closure. */
static void plan_journey(struct demo *d, int pi)
{
	struct demo_person *p = &d->people[pi];
	p->specialist = -1;
	p->consent = -1;
	p->allocated = p->closed = 0;
	p->close_reason = NULL;
	event_add(d, p->received, EV_REFER, pi, 0);

	int x = rng_range(&d->rng, 0, 99);
	int delay = x < 70 ? rng_range(&d->rng, 1, 7) : x < 92 ? rng_range(&d->rng, 8, 21) : rng_range(&d->rng, 22, 45);
	day_t alloc = weekday_on_or_after(p->received + delay);
	if (rng_percent(&d->rng, 3)) {
		/* closed before anyone was allocated: the person's choice or circumstances */
		day_t closed = weekday_on_or_after(p->received + rng_range(&d->rng, 3, 20));
		if (closed <= d->today) {
			p->closed = closed;
			p->close_reason = rng_weighted(&d->rng, CLOSE_WAITING);
			event_add(d, closed, EV_CLOSE, pi, 0);
			return;
		}
	}
	if (alloc > d->today)
		return;   /* still waiting */
	p->allocated = alloc;
	event_add(d, alloc, EV_ALLOCATE, pi, 0);

	bool engages = rng_percent(&d->rng, 88);
	int length;
	if (!engages) {
		length = rng_range(&d->rng, 45, 110);
	} else {
		int y = rng_range(&d->rng, 0, 99);
		length = y < 20 ? rng_range(&d->rng, 30, 120) : y < 70 ? rng_range(&d->rng, 120, 365)
								: rng_range(&d->rng, 365, 700);
	}
	day_t closed = weekday_on_or_after(alloc + length);
	if (closed <= d->today) {
		p->closed = closed;
		p->close_reason = !engages ? (rng_percent(&d->rng, 80) ? "lost_contact" : "person_choice")
					   : rng_weighted(&d->rng, CLOSE_ENGAGED);
	}
	plan_contacts(d, pi, engages);
	if (engages) {
		plan_jobs(d, pi);
		plan_applications(d, pi);
	}
	if (p->closed)
		event_add(d, p->closed, EV_CLOSE, pi, 0);
}

static void plan_identity(struct demo *d, struct demo_person *p)
{
	const struct demo_team *t = &d->teams[p->team];
	p->gender = rng_weighted(&d->rng, GENDERS);
	name_new(d, p->gender, &p->given, &p->family, &p->ethnic);
	p->nhs = rng_percent(&d->rng, 95) ? nhs_number_new(d) : NULL;
	p->birth = birth_date_new(d, p->received);
	p->postcode = rng_percent(&d->rng, 97) ? postcode_new(d, t->outward) : NULL;
	p->phone = rng_percent(&d->rng, 85) ? phone_number(d, "07700 900") : NULL;
	p->email = rng_percent(&d->rng, 40) ? email_new(d, p->given, p->family) : NULL;
	if (!p->phone && !p->email)
		p->phone = phone_number(d, d->sites[t->site]->phone);   /* a landline */
}

/* Sites, teams, people and their journeys, and enough specialists for the caseloads. */
static void plan(struct demo *d, int nclients, int nsites)
{
	d->nsites = nsites ? nsites : nclients < 100 ? 1 : 2;
	int first = rng_range(&d->rng, 0, (int)NSITES_DATA - 1);
	for (int s = 0; s < d->nsites; s++) {
		d->sites[s] = &SITES[(first + s) % NSITES_DATA];
		int nt = rng_range(&d->rng, 2, 3);
		for (int k = 0; k < nt; k++) {
			struct demo_team *t = &d->teams[d->nteams++];
			t->site = s;
			t->code = d->sites[s]->teams[k].code;
			t->name = d->sites[s]->teams[k].name;
			t->outward = d->sites[s]->teams[k].outward;
			t->weight = rng_range(&d->rng, 70, 130);
		}
	}
	int wsum = 0;
	for (int k = 0; k < d->nteams; k++)
		wsum += d->teams[k].weight;

	/* about one in seventy is someone referred again after an earlier referral closed */
	int again = nclients >= 50 ? nclients / 70 : 0;
	int base = nclients - again;
	d->people = calloc((size_t)nclients, sizeof *d->people);
	if (!d->people) {
		fprintf(stderr, "ipsdesk: out of memory\n");
		exit(1);
	}
	for (int i = 0; i < base; i++) {
		struct demo_person *p = &d->people[d->npeople];
		int x = rng_range(&d->rng, 0, wsum - 1);
		for (p->team = 0; x >= d->teams[p->team].weight; p->team++)
			x -= d->teams[p->team].weight;
		/* more referrals lately than two years ago: the service is growing */
		int back = rng_percent(&d->rng, 70) ? rng_range(&d->rng, 0, DEMO_DAYS - 1)
						    : DEMO_DAYS - 1 - isqrt(rng_range(&d->rng, 0, DEMO_DAYS * DEMO_DAYS - 1));
		p->received = weekday_on_or_before(d->today - back);
		if (p->received < d->first_day)
			p->received = weekday_on_or_after(d->first_day);
		p->same_as = -1;
		p->source = rng_weighted(&d->rng, SOURCES);
		/* the public form lands in the site's first team */
		p->public_form = strcmp(p->source, "self") == 0 && rng_percent(&d->rng, 50);
		if (p->public_form)
			for (int k = 0; k < d->nteams; k++)
				if (d->teams[k].site == d->teams[p->team].site) {
					p->team = k;
					break;
				}
		plan_identity(d, p);
		p->status = rng_weighted(&d->rng, EMPLOYMENT);
		p->reason = strcmp(p->status, "01") == 0 ? REASON_AT_RISK : rng_pick(&d->rng, REASONS);
		referrer_new(d, p);
		p->care_coordinator = !p->public_form && rng_percent(&d->rng, 70) ? staff_name_new(d) : NULL;
		if (p->public_form && !p->phone)
			p->phone = phone_number(d, "07700 900");
		d->npeople++;
		plan_journey(d, d->npeople - 1);
	}
	/* referred again: the same person (so flagged as a possible duplicate), some months
	 * after their earlier referral closed */
	for (int i = 0, tries = 0; i < again && tries < 50 * again + 100; tries++) {
		int e = rng_range(&d->rng, 0, base - 1);
		const struct demo_person *earlier = &d->people[e];
		if (!earlier->closed || earlier->same_as >= 0 || earlier->referred_again ||
		    d->today - earlier->closed < 60)
			continue;
		struct demo_person *p = &d->people[d->npeople];
		*p = *earlier;
		p->same_as = e;
		p->public_form = false;
		p->received = weekday_on_or_before(earlier->closed + rng_range(&d->rng, 30, d->today - earlier->closed - 1));
		if (p->received <= earlier->closed)
			continue;
		p->source = rng_weighted(&d->rng, SOURCES);
		p->status = rng_weighted(&d->rng, EMPLOYMENT);
		p->reason = strcmp(p->status, "01") == 0 ? REASON_AT_RISK : rng_pick(&d->rng, REASONS);
		referrer_new(d, p);
		d->people[e].referred_again = true;
		d->npeople++;
		plan_journey(d, d->npeople - 1);
		i++;
	}
	/* anyone the loop above could not place is a new person */
	while (d->npeople < nclients) {
		struct demo_person *p = &d->people[d->npeople];
		memset(p, 0, sizeof *p);
		p->team = rng_range(&d->rng, 0, d->nteams - 1);
		p->received = weekday_on_or_before(d->today - rng_range(&d->rng, 0, DEMO_DAYS - 1));
		p->same_as = -1;
		p->source = "gp";
		plan_identity(d, p);
		p->status = rng_weighted(&d->rng, EMPLOYMENT);
		p->reason = rng_pick(&d->rng, REASONS);
		referrer_new(d, p);
		d->npeople++;
		plan_journey(d, d->npeople - 1);
	}
	for (int i = 0; i < d->npeople; i++)
		if (d->people[i].allocated && !d->people[i].closed)
			d->teams[d->people[i].team].open_final++;
}

/* Staff for each team: a leader, a clinician and enough specialists that today's
 * caseloads come out near CASELOAD_TARGET per full-time post (some a little over the
 * limit of 20, as real caseloads are). Accounts are numbered across the teams. */
static void plan_staff(struct demo *d)
{
	int nleader = 0, nspecialist = 0, nclinician = 0;
	staff_add(d, "admin", "admin", -1);
	for (int k = 0; k < d->nteams; k++) {
		struct demo_team *t = &d->teams[k];
		t->leader = d->nstaff;
		staff_add(d, arena_printf(d->keep, "leader%d", ++nleader), "team_leader", k);
		t->first_specialist = d->nstaff;
		/* posts in hundredths of full time; the last one sized to what is left over */
		int need = t->open_final * 100 / CASELOAD_TARGET;
		do {
			struct demo_staff *s = staff_add(d, arena_printf(d->keep, "specialist%d", ++nspecialist),
							 "specialist", k);
			s->fte = atoi(rng_weighted(&d->rng, FTES));
			if (need <= 100)
				s->fte = need < 55 ? 50 : need < 70 ? 60 : need < 90 ? 80 : 100;
			s->factor = rng_range(&d->rng, 85, 125);
			need -= s->fte;
			t->nspecialists++;
		} while (need >= 30);
		t->clinician = d->nstaff;
		staff_add(d, arena_printf(d->keep, "clinician%d", ++nclinician), "clinician", k);
	}
	staff_add(d, "auditor", "auditor", -1);
	staff_add(d, "reviewer", "reviewer", -1);
	staff_add(d, "commissioner", "commissioner", -1);
}

/* ---- the replay ------------------------------------------------------------------------------ */
/* Moves the clock to a time of day (never backwards, never past the real now). */
static void clock_to(struct demo *d, day_t day, int secs)
{
	time_t t = (time_t)day * 86400 + secs;
	if (t < d->clock)
		t = d->clock;
	if (t > d->real_now)
		t = d->real_now;
	d->clock = t;
	app_set_clock(d->app, t);
}

static bool check(const struct result *r, const char *what)
{
	if (result_ok(r))
		return true;
	fprintf(stderr, "ipsdesk: demo: could not %s\n", what);
	cli_print_result(r);
	return false;
}

static const char *num(struct demo *d, int64_t v)
{
	return arena_printf(d->app->arena, "%" PRId64, v);
}

/* The least full specialist of the team, for the size of post and how full the rota
 * lets each of them get, with a little chance in it. People the plan keeps open until
 * today are shared by today's caseloads, so those come out in proportion to the posts
 * rather than to the luck of who closed when. */
static int specialist_choose(struct demo *d, int team, bool open_today)
{
	const struct demo_team *t = &d->teams[team];
	int best = t->first_specialist;
	int64_t best_score = INT64_MAX;
	for (int i = 0; i < t->nspecialists; i++) {
		const struct demo_staff *s = &d->staff[t->first_specialist + i];
		int load = open_today ? s->load_today : s->load;
		int64_t score = ((int64_t)load * 1000 + rng_range(&d->rng, 0, 600)) * 10000 / (s->fte * s->factor);
		if (score < best_score) {
			best_score = score;
			best = t->first_specialist + i;
		}
	}
	return best;
}

static bool do_refer(struct demo *d, struct demo_person *p, int pi)
{
	const struct demo_team *t = &d->teams[p->team];
	struct referral_form f = {
		.given_name = p->given, .family_name = p->family, .nhs_number = p->nhs,
		.birth_date = p->birth, .postcode = p->postcode, .phone = p->phone, .email = p->email,
		.gender = p->gender, .ethnic_category = p->ethnic, .team = num(d, t->id),
		.site = d->sites[t->site]->code, .source = p->source, .received_on = d->app->today_iso,
		.employment_status = p->status, .referrer_name = p->referrer_name,
		.referrer_contact = p->referrer_contact, .reason = p->reason, .consent = "yes",
		.care_coordinator = p->care_coordinator,
	};
	struct result r;
	if (p->public_form) {
		/* TEST-NET-1 addresses (RFC 5737): the form is rate-limited by address */
		r = app_self_referral(d->app, arena_printf(d->app->arena, "192.0.2.%d", pi % 250 + 1), &f);
	} else {
		int who = strcmp(p->source, "mental_health_professional") == 0 ? t->clinician : t->leader;
		r = app_referral_create(d->app, &d->staff[who].who, &f);
	}
	if (!check(&r, "make a referral"))
		return false;
	p->referral_id = r.id;
	p->client_id = r.client_id;
	d->made_referrals++;
	return true;
}

static bool do_allocate(struct demo *d, struct demo_person *p)
{
	int s = specialist_choose(d, p->team, !p->closed);
	struct result r = app_referral_allocate(d->app, &d->staff[d->teams[p->team].leader].who, p->referral_id,
						 num(d, d->staff[s].who.staff_id));
	if (!check(&r, "allocate a referral"))
		return false;
	p->specialist = s;
	d->staff[s].load++;
	d->staff[s].load_today += !p->closed;
	struct demo_staff *st = &d->staff[s];
	st->open = grow(st->open, &st->capopen, st->nopen + 1, sizeof *st->open);
	st->open[st->nopen++] = (int)(p - d->people);
	return true;
}

static bool do_contact(struct demo *d, struct demo_person *p, const struct demo_contact *c)
{
	struct contact_form f = {
		.referral_id = num(d, p->referral_id), .date = d->app->today_iso, .with = c->with,
		.mode = c->mode, .place = c->place, .minutes = c->minutes >= 0 ? num(d, c->minutes) : NULL,
		.attended = c->attended ? "yes" : "no", .note = c->note,
	};
	struct result r = app_contact_add(d->app, &d->staff[p->specialist].who, p->client_id, &f);
	if (!check(&r, "record a contact"))
		return false;
	d->made_contacts++;
	return true;
}

static bool do_consent(struct demo *d, struct demo_person *p)
{
	struct client_form f = {
		.given_name = p->given, .family_name = p->family, .nhs_number = p->nhs,
		.birth_date = p->birth, .postcode = p->postcode, .phone = p->phone, .email = p->email,
		.gender = p->gender, .ethnic_category = p->ethnic, .care_coordinator = p->care_coordinator,
		.consent_on = d->app->today_iso, .consent_contact_employers = p->consent ? "yes" : "no",
		.consent_note = p->consent ? "Happy for the specialist to talk to employers for them"
					   : "Would rather apply on their own for now; ask again later",
	};
	struct result r = app_client_update(d->app, &d->staff[p->specialist].who, p->client_id, &f);
	return check(&r, "record consent");
}

/* The preferences matching reads, from the stream of the job search: SOC codes for
 * the kinds of work in the person's own words (and now and then one more), and for
 * some a least hourly pay and conditions they want to avoid (kept once drawn). */
static void profile_matching(struct demo *d, struct demo_person *p, struct profile_form *f)
{
	size_t t = 0;
	while (JOB_TYPES[t] && JOB_TYPES[t] != f->job_types)
		t++;
	const char *codes = JOB_TYPES[t] ? JOB_TYPE_CODES[t] : JOB_TYPE_CODES[0];
	char out[64];
	size_t len = (size_t)snprintf(out, sizeof out, "%.4s", codes);
	for (const char *c = codes + 4; *c == ','; c += 5)
		if (rng_percent(&d->js, 60))
			len += (size_t)snprintf(out + len, sizeof out - len, ",%.4s", c + 1);
	if (rng_percent(&d->js, 20)) {
		const char *other = JOB_TYPE_CODES[rng_range(&d->js, 0, (int)list_len(JOB_TYPES) - 1)];
		if (!strstr(out, arena_printf(d->app->arena, "%.4s", other)))
			snprintf(out + len, sizeof out - len, ",%.4s", other);
	}
	f->job_type_codes = arena_strdup(d->app->arena, out);
	if (!p->pay_min)
		p->pay_min = rng_percent(&d->js, 55) ? pence_text(d, adult_minimum(d) + 10 * rng_range(&d->js, 0, 20)) : "";
	if (!p->avoid) {
		p->avoid = "";
		if (rng_percent(&d->js, 45)) {
			const char *a = rng_weighted(&d->js, AVOID), *b = rng_weighted(&d->js, AVOID);
			p->avoid = rng_percent(&d->js, 30) && strcmp(a, b) != 0 ? arena_printf(d->keep, "%s,%s", a, b) : a;
		}
	}
	f->pay_min = p->pay_min;
	f->avoid = p->avoid;
}

/* rg: the plan's stream for the profiles it always had, the job search's for the rest. */
static bool do_profile(struct demo *d, struct demo_person *p, struct rng *rg)
{
	int lo = 5 * rng_range(rg, 1, 5);
	int hi = lo + 5 * rng_range(rg, 0, 4);
	struct profile_form f = {
		.work_history = rng_pick(rg, WORK_HISTORY),
		.job_types = rng_pick(rg, JOB_TYPES),
		.hours_min = num(d, lo),
		.hours_max = num(d, hi),
		.places = rng_pick(rg, PLACES),
		.travel_miles = num(d, rng_range(rg, 2, 15)),
		.travel_means = rng_pick(rg, TRAVEL),
		.disclosure = rng_weighted(rg, DISCLOSURE),
		.strengths = rng_pick(rg, STRENGTHS),
		.support_needs = rng_percent(rg, 70) ? rng_pick(rg, SUPPORT_NEEDS) : NULL,
		.career_goals = rng_pick(rg, GOALS),
	};
	profile_matching(d, p, &f);
	struct result r = app_profile_update(d->app, &d->staff[p->specialist].who, p->client_id, &f);
	if (!check(&r, "fill in a vocational profile"))
		return false;
	d->made_profiles++;
	return true;
}

static bool do_next_step(struct demo *d, struct demo_person *p)
{
	struct result r = app_referral_next_step(d->app, &d->staff[p->specialist].who, p->referral_id,
						 rng_pick(&d->rng, NEXT_STEPS));
	return check(&r, "set a next step");
}

static bool do_close(struct demo *d, struct demo_person *p)
{
	int who = p->specialist >= 0 ? p->specialist : d->teams[p->team].leader;
	struct result r = app_referral_close(d->app, &d->staff[who].who, p->referral_id, d->app->today_iso,
					     p->close_reason);
	if (!check(&r, "close a referral"))
		return false;
	if (p->specialist >= 0) {
		struct demo_staff *st = &d->staff[p->specialist];
		st->load--;
		for (int i = 0; i < st->nopen; i++)
			if (st->open[i] == (int)(p - d->people)) {
				st->open[i] = st->open[--st->nopen];
				break;
			}
	}
	return true;
}

static bool do_job_start(struct demo *d, struct demo_person *p, struct demo_job *j)
{
	int site = d->teams[p->team].site;
	const char *employer = NULL;
	if (d->nemployers[site] && rng_percent(&d->rng, 88))
		employer = num(d, d->employers[site][rng_range(&d->rng, 0, d->nemployers[site] - 1)]);
	struct job_form f = {
		.referral_id = num(d, p->referral_id), .employer_id = employer, .title = j->title,
		.job_type = j->soc, .started_on = d->app->today_iso, .hours_per_week = j->hours,
		.hourly_wage = j->pay, .competitive = j->competitive ? "yes" : "no",
	};
	const struct demo_application *a = j->app ? &d->apps[j->app - 1] : NULL;
	if (a && a->id) {
		/* the job the job search found: its employer, and the step linked to it */
		f.application_id = num(d, a->id);
		if (a->vacancy && d->vacancies[a->vacancy - 1].id)
			f.employer_id = d->vacancies[a->vacancy - 1].f.employer_id;
		else if (a->employer)
			f.employer_id = a->employer;
	}
	struct result r = app_job_start(d->app, &d->staff[p->specialist].who, p->client_id, &f);
	if (!check(&r, "record a job start"))
		return false;
	j->id = r.id;
	d->made_jobs++;
	return true;
}

static bool do_job_end(struct demo *d, struct demo_person *p, const struct demo_job *j)
{
	struct job_end_form f = {.ended_on = d->app->today_iso, .end_reason = j->end_reason};
	struct result r = app_job_end(d->app, &d->staff[p->specialist].who, p->client_id, j->id, &f);
	if (!check(&r, "record a job end"))
		return false;
	d->ended_jobs++;
	return true;
}

/* A contact with one of the site's employers, on behalf of someone on the specialist's
 * caseload now and then (never someone who said employers should not be contacted). */
static bool do_employer_contact(struct demo *d, const struct demo_employer_contact *c)
{
	struct demo_staff *s = &d->staff[c->staff];
	int site = d->teams[s->team].site;
	if (!d->nemployers[site])
		return true;
	const char *referral = NULL;
	if (c->on_behalf && s->nopen) {
		const struct demo_person *p = &d->people[s->open[rng_range(&d->rng, 0, s->nopen - 1)]];
		if (p->consent != 0)
			referral = num(d, p->referral_id);
	}
	struct contact_form f = {
		.referral_id = referral, .date = d->app->today_iso, .with = "employer", .mode = c->mode,
		.place = c->place, .minutes = num(d, c->minutes), .attended = c->attended ? "yes" : "no",
		.note = c->note,
		.employer_id = num(d, d->employers[site][rng_range(&d->rng, 0, d->nemployers[site] - 1)]),
	};
	struct result r = app_contact_add(d->app, &s->who, 0, &f);
	if (!check(&r, "record a contact with an employer"))
		return false;
	d->made_employer_contacts++;
	return true;
}

/* ---- job search in the replay ------------------------------------------------------------------- */
/* An employer of the site that offers work of that SOC unit group, or any of them. */
static int employer_for(struct demo *d, int site, const char *soc)
{
	int n = d->nemployers[site], fits = 0;
	for (int i = 0; soc && i < n; i++)
		for (size_t k = 0; k < NVACANCY_JOBS; k++)
			if (strcmp(VACANCY_JOBS[k].kind, EMPLOYER_KINDS[d->employer_kind[site][i]].kind) == 0 &&
			    strcmp(VACANCY_JOBS[k].soc, soc) == 0) {
				fits++;
				break;
			}
	int pick = rng_range(&d->js, 0, (fits ? fits : n) - 1);
	for (int i = 0; fits && i < n; i++)
		for (size_t k = 0; k < NVACANCY_JOBS; k++)
			if (strcmp(VACANCY_JOBS[k].kind, EMPLOYER_KINDS[d->employer_kind[site][i]].kind) == 0 &&
			    strcmp(VACANCY_JOBS[k].soc, soc) == 0) {
				if (pick-- == 0)
					return i;
				break;
			}
	return pick;
}

/* One of the jobs an employer's kind advertises. */
static size_t employer_job(struct demo *d, int site, int employer)
{
	const char *kind = EMPLOYER_KINDS[d->employer_kind[site][employer]].kind;
	int n = 0;
	for (size_t k = 0; k < NVACANCY_JOBS; k++)
		n += strcmp(VACANCY_JOBS[k].kind, kind) == 0;
	int pick = rng_range(&d->js, 0, n - 1);
	for (size_t k = 0; k < NVACANCY_JOBS; k++)
		if (strcmp(VACANCY_JOBS[k].kind, kind) == 0 && pick-- == 0)
			return k;
	return 0;
}

/* Some of a job's usual conditions (each kept three times in four), as a code list:
 * those of the job with that title and unit group, else of the first with the group. */
static const char *conditions_some(struct demo *d, const char *title, const char *soc)
{
	const char *all = NULL;
	for (size_t k = 0; k < NVACANCY_JOBS; k++)
		if (strcmp(VACANCY_JOBS[k].soc, soc) == 0 && (!all || strcmp(VACANCY_JOBS[k].title, title) == 0))
			all = VACANCY_JOBS[k].conditions;
	if (!all)
		all = "";
	char out[160] = "";
	size_t len = 0;
	for (const char *p = all; *p;) {
		size_t n = strcspn(p, ",");
		if (rng_percent(&d->js, 75) && len + n + 2 < sizeof out)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s", len ? "," : "", (int)n, p);
		p += n;
		if (*p == ',')
			p++;
	}
	return len ? arena_strdup(d->keep, out) : NULL;
}

static int site_specialist(struct demo *d, int site)
{
	int n = 0;
	for (int k = 0; k < d->nteams; k++)
		if (d->teams[k].site == site)
			n += d->teams[k].nspecialists;
	int pick = rng_range(&d->js, 0, n - 1);
	for (int k = 0; k < d->nteams; k++) {
		if (d->teams[k].site != site)
			continue;
		if (pick < d->teams[k].nspecialists)
			return d->teams[k].first_specialist + pick;
		pick -= d->teams[k].nspecialists;
	}
	return d->teams[0].first_specialist;
}

static bool do_vacancy(struct demo *d, struct demo_vacancy *v)
{
	int site = v->site;
	if (!d->nemployers[site])
		return true;
	/* the person's specialist found it, or (before they were allocated) a colleague */
	v->staff = v->person >= 0 ? d->people[v->person].specialist : -1;
	if (v->staff < 0)
		v->staff = site_specialist(d, site);
	const struct demo_job *j = v->job ? &d->jobs[v->job - 1] : NULL;
	int e = employer_for(d, site, j ? j->soc : NULL);
	struct vacancy_form *f = &v->f;
	memset(f, 0, sizeof *f);
	f->employer_id = arena_printf(d->keep, "%" PRId64, d->employers[site][e]);
	if (j) {
		f->title = j->title;
		f->job_type = j->soc;
		f->hours_min = j->hours;
		f->hourly_pay = j->pay;
	} else {
		size_t k = employer_job(d, site, e);
		f->title = VACANCY_JOBS[k].title;
		f->job_type = VACANCY_JOBS[k].soc;
		static const int HOURS[] = {8, 10, 12, 15, 16, 16, 16, 20, 20, 24, 25, 30, 35, 37, 40};
		int h = HOURS[rng_range(&d->js, 0, (int)(sizeof HOURS / sizeof HOURS[0]) - 1)];
		f->hours_min = h == 37 && rng_percent(&d->js, 60) ? "37.5" : arena_printf(d->keep, "%d", h);
		if (h < 37 && rng_percent(&d->js, 45)) {
			int hi = h + 4 * rng_range(&d->js, 1, 4);
			f->hours_max = arena_printf(d->keep, "%d", hi > 40 ? 40 : hi);
		}
		int64_t pence = adult_minimum(d);
		if (rng_percent(&d->js, 3))
			pence -= 5 * rng_range(&d->js, 40, 120);   /* an apprenticeship */
		else
			pence += 5 * rng_range(&d->js, 0, 80);
		f->hourly_pay = rng_percent(&d->js, 92) ? pence_text(d, pence) : NULL;
	}
	int x = rng_range(&d->js, 0, 99);
	if (x < 85) {
		f->postcode = d->employer_pc[site][e];
	} else if (x < 96) {
		/* a district of the site: work across several branches */
		int team;
		do
			team = rng_range(&d->js, 0, d->nteams - 1);
		while (d->teams[team].site != site);
		f->postcode = rng_pick(&d->js, d->teams[team].outward);
	}
	f->closing_on = v->closing ? iso(d, v->closing) : NULL;
	f->source = rng_pick(&d->js, VACANCY_SOURCES);
	f->status = "open";
	f->description = rng_percent(&d->js, 70) ? rng_pick(&d->js, VACANCY_ABOUT) : NULL;
	f->conditions = conditions_some(d, f->title, f->job_type);
	struct result r = app_vacancy_add(d->app, &d->staff[v->staff].who, f);
	if (!check(&r, "add a vacancy"))
		return false;
	v->id = r.id;
	d->made_vacancies++;
	return true;
}

static bool do_vacancy_fate(struct demo *d, struct demo_vacancy *v)
{
	if (!v->id)
		return true;
	struct vacancy_form f = v->f;
	f.status = v->fate;
	struct result r = app_vacancy_update(d->app, &d->staff[v->staff].who, v->id, &f);
	return check(&r, "change a vacancy's status");
}

static const char *day_text(struct demo *d, day_t day)
{
	char *s = arena_alloc(d->app->arena, 11);
	date_iso(day, s);
	return s;
}

/* A step of the job search as it stands on day: added on its first day, moved on after. */
static bool do_application(struct demo *d, struct demo_application *a, day_t day)
{
	struct demo_person *p = &d->people[a->person];
	if (p->specialist < 0)
		return true;
	int site = d->teams[p->team].site;
	struct application_form f = {
		.referral_id = num(d, p->referral_id), .identified_on = day_text(d, a->identified),
		.applied_on = a->applied && a->applied <= day ? day_text(d, a->applied) : NULL,
		.interview_on = a->interview && a->interview <= day ? day_text(d, a->interview) : NULL,
		.offer_on = a->offer && a->offer <= day ? day_text(d, a->offer) : NULL,
	};
	if (a->outcome && a->outcome_on <= day) {
		f.outcome = a->outcome;
		f.outcome_on = day_text(d, a->outcome_on);
	}
	const struct actor *who = &d->staff[p->specialist].who;
	struct result r;
	if (a->id) {
		r = app_application_update(d->app, who, p->client_id, a->id, &f, NULL);
		if (!check(&r, "move a job-search step on"))
			return false;
		return true;
	}
	if (a->vacancy) {
		const struct demo_vacancy *v = &d->vacancies[a->vacancy - 1];
		if (!v->id)
			return true;
		f.vacancy = num(d, v->id);
	} else if (d->nemployers[site]) {
		const struct demo_job *j = a->job ? &d->jobs[a->job - 1] : NULL;
		int e = employer_for(d, site, j ? j->soc : NULL);
		a->employer = arena_printf(d->keep, "%" PRId64, d->employers[site][e]);
		a->title = j ? j->title : VACANCY_JOBS[employer_job(d, site, e)].title;
		f.kind = "speculative";
		f.employer_id = a->employer;
		f.title = a->title;
	} else {
		return true;
	}
	if (rng_percent(&d->js, 30))
		f.note = a->vacancy ? "Went through the advert together and agreed to apply"
				    : "Introduced them to the manager and left a CV";
	r = app_application_add(d->app, who, p->client_id, &f);
	if (!check(&r, "add a job-search step"))
		return false;
	a->id = r.id;
	d->made_applications++;
	return true;
}

static bool do_benefits(struct demo *d, struct demo_person *p)
{
	struct benefits_advice_form f = {
		.date = d->app->today_iso, .covered = rng_pick(&d->js, BENEFITS_COVERED),
		.follow_up = rng_percent(&d->js, 40) ? rng_pick(&d->js, BENEFITS_FOLLOW_UP) : NULL,
	};
	struct result r = app_benefits_advice_add(d->app, &d->staff[p->specialist].who, p->client_id, &f);
	if (!check(&r, "record benefits advice"))
		return false;
	d->made_benefits++;
	return true;
}

static void progress(struct demo *d, int done, int total)
{
	if (!d->tty)
		return;
	printf("\rMaking demo data: %3d%% (%d referrals, %d contacts)", (int)((int64_t)done * 100 / total),
	       d->made_referrals, d->made_contacts);
	fflush(stdout);
}

static bool replay(struct demo *d)
{
	qsort(d->events, (size_t)d->nevents, sizeof *d->events, event_cmp);
	for (int i = 0; i < d->nevents; i++) {
		const struct demo_event *e = &d->events[i];
		struct demo_person *p = e->person >= 0 ? &d->people[e->person] : NULL;
		arena_reset(d->app->arena);
		clock_to(d, e->day, e->secs);
		bool ok = true;
		switch (e->kind) {
		case EV_REFER: ok = do_refer(d, p, e->person); break;
		case EV_ALLOCATE: ok = do_allocate(d, p); break;
		case EV_CONTACT: ok = do_contact(d, p, &d->contacts[e->item]); break;
		case EV_CONSENT: ok = do_consent(d, p); break;
		case EV_PROFILE: ok = do_profile(d, p, e->item == 2 ? &d->js : &d->rng); break;
		case EV_NEXT_STEP: ok = do_next_step(d, p); break;
		case EV_CLOSE: ok = do_close(d, p); break;
		case EV_JOB_START: ok = do_job_start(d, p, &d->jobs[e->item]); break;
		case EV_JOB_END: ok = do_job_end(d, p, &d->jobs[e->item]); break;
		case EV_EMPLOYER_CONTACT: ok = do_employer_contact(d, &d->ecs[e->item]); break;
		case EV_VACANCY: ok = do_vacancy(d, &d->vacancies[e->item]); break;
		case EV_VACANCY_FATE: ok = do_vacancy_fate(d, &d->vacancies[e->item]); break;
		case EV_APPLICATION: ok = do_application(d, &d->apps[e->item], e->day); break;
		case EV_BENEFITS: ok = do_benefits(d, p); break;
		}
		if (!ok)
			return false;
		if (i % 500 == 0)
			progress(d, i, d->nevents);
	}
	progress(d, d->nevents, d->nevents);
	return true;
}

/* The one password every demo account has: "demo-", a word and the seed, so that it can
 * be printed again from the seed kept in the database. */
static void demo_password(uint64_t seed, char *out, size_t n)
{
	struct rng r = {seed ^ 0x7061737377307264u};
	snprintf(out, n, "demo-%s-%" PRIu64, rng_pick(&r, PASSWORD_WORDS), seed);
}

/* Each site's employers, added by its first team's leader: about one for every eight
 * people the site will see, at least 15, at most 150. */
static bool setup_employers(struct demo *d)
{
	for (int s = 0; s < d->nsites; s++) {
		int leader = -1, people = 0;
		for (int k = 0; k < d->nteams; k++)
			if (d->teams[k].site == s && leader < 0)
				leader = d->teams[k].leader;
		for (int i = 0; i < d->npeople; i++)
			people += d->teams[d->people[i].team].site == s;
		int n = 15 + people / 8;
		if (n > 150)
			n = 150;
		d->employers[s] = calloc((size_t)n, sizeof *d->employers[s]);
		const char **names = arena_alloc(d->keep, (size_t)n * sizeof *names);
		d->employer_kind[s] = arena_alloc(d->keep, (size_t)n * sizeof *d->employer_kind[s]);
		d->employer_pc[s] = arena_alloc(d->keep, (size_t)n * sizeof *d->employer_pc[s]);
		if (!d->employers[s]) {
			fprintf(stderr, "ipsdesk: out of memory\n");
			exit(1);
		}
		for (int i = 0; i < n; i++) {
			const char *name = NULL, *sector = NULL;
			int kind = 0;
			for (int tries = 0; !name && tries < 50; tries++) {
				size_t k = (size_t)rng_range(&d->rng, 0, (int)NEMPLOYER_KINDS - 1);
				const char *candidate = arena_printf(d->keep, "%s %s", rng_pick(&d->rng, EMPLOYER_PLACES),
								     EMPLOYER_KINDS[k].kind);
				name = candidate;
				sector = EMPLOYER_KINDS[k].sector;
				kind = (int)k;
				for (int j = 0; j < i && name; j++)
					if (strcmp(names[j], candidate) == 0)
						name = NULL;
			}
			if (!name)
				break;
			names[i] = name;
			int team;
			do
				team = rng_range(&d->rng, 0, d->nteams - 1);
			while (d->teams[team].site != s);
			arena_reset(d->app->arena);
			struct employer_form f = {
				.name = name, .sector = sector,
				.address = arena_printf(d->app->arena, "%d %s", rng_range(&d->rng, 1, 180), rng_pick(&d->rng, STREETS)),
				.postcode = postcode_new(d, d->teams[team].outward),
				.people = arena_printf(d->app->arena, "%s, %s", staff_name_new(d), rng_pick(&d->rng, EMPLOYER_ROLES)),
				.notes = rng_percent(&d->rng, 50) ? rng_pick(&d->rng, EMPLOYER_ABOUT) : NULL,
			};
			struct result r = app_employer_add(d->app, &d->staff[leader].who, &f);
			if (!check(&r, "add an employer"))
				return false;
			d->employer_kind[s][d->nemployers[s]] = kind;
			d->employer_pc[s][d->nemployers[s]] = f.postcode;
			d->employers[s][d->nemployers[s]++] = r.id;
			d->made_employers++;
		}
	}
	return true;
}

/* Sites, teams and accounts, at the start of the two years. */
static bool setup(struct demo *d, uint64_t seed, int nclients, const char *password)
{
	day_t start = weekday_on_or_before(d->first_day - 14);
	clock_to(d, start, 8 * 3600);
	struct result r = app_demo_mark(d->app, seed, nclients);
	if (!check(&r, "mark the database as demo data"))
		return false;
	char hash[crypto_pwhash_STRBYTES];
	if (app_password_hash(password, hash) != IPS_OK) {
		fprintf(stderr, "ipsdesk: demo: the password could not be hashed\n");
		return false;
	}
	static const struct actor SYSTEM = {.role = ROLE_ADMIN, .username = "system"};
	const struct actor *admin = &SYSTEM;
	for (int i = 0; i < d->nstaff; i++) {
		struct demo_staff *s = &d->staff[i];
		clock_to(d, start, 8 * 3600 + 60 * (i + 1));
		if (s->team >= 0 && !d->teams[s->team].id) {
			/* the team (and its site) before its first member of staff */
			struct demo_team *t = &d->teams[s->team];
			const struct site_data *sd = d->sites[t->site];
			if (!d->site_ids[t->site]) {
				r = app_site_add(d->app, admin, &(struct site){.code = sd->code, .name = sd->name});
				if (!check(&r, "add a site"))
					return false;
				d->site_ids[t->site] = r.id;
			}
			r = app_team_add(d->app, admin, sd->code, &(struct team){.code = t->code, .name = t->name});
			if (!check(&r, "add a team"))
				return false;
			t->id = r.id;
		}
		struct new_user u = {
			.username = s->username, .password = password, .name = s->name, .role = s->role,
			.team_code = s->team >= 0 ? d->teams[s->team].code : NULL, .fte = s->fte,
		};
		r = app_demo_account_add(d->app, &u, hash);
		if (!check(&r, "add a demo account"))
			return false;
		/* actors live in the plan's arena: the working one is emptied after each step */
		struct arena *work = d->app->arena;
		d->app->arena = d->keep;
		bool loaded = app_actor_load(d->app, r.id, &s->who);
		d->app->arena = work;
		if (!loaded) {
			fprintf(stderr, "ipsdesk: demo: the account %s could not be read back\n", s->username);
			return false;
		}
		if (i == 0)
			admin = &s->who;   /* the administrator sets up the sites and teams */
	}
	sodium_memzero(hash, sizeof hash);
	return setup_employers(d);
}

/* Usernames in the order they are printed: the roles without a team first. */
static const char *usernames(struct demo *d)
{
	static const char *const order[] = {"admin", "auditor", "reviewer", "commissioner", "team_leader",
					    "specialist", "clinician", NULL};
	size_t n = 1;
	for (int i = 0; i < d->nstaff; i++)
		n += strlen(d->staff[i].username) + 1;
	char *out = arena_alloc(d->keep, n), *p = out;
	for (int k = 0; order[k]; k++)
		for (int i = 0; i < d->nstaff; i++)
			if (strcmp(d->staff[i].role, order[k]) == 0) {
				if (p != out)
					*p++ = ' ';
				size_t len = strlen(d->staff[i].username);
				memcpy(p, d->staff[i].username, len);
				p += len;
			}
	*p = 0;
	return out;
}

bool cli_demo_print_accounts(struct app *app, FILE *out)
{
	struct demo_info info;
	struct result r = app_demo_info(app, &info);
	if (!result_ok(&r))
		return false;
	char password[96];
	demo_password(info.seed, password, sizeof password);
	fprintf(out, "Demo accounts (made-up people only). Every account has the password\n\n    %s\n\n",
		password);
	for (size_t i = 0; i < info.naccounts; i++) {
		const struct demo_account *a = &info.accounts[i];
		char fte[32] = "";
		if (a->fte != 100 && strcmp(a->role, "specialist") == 0)
			snprintf(fte, sizeof fte, ", %d.%02d FTE", a->fte / 100, a->fte % 100);
		fprintf(out, "  %-14s %-24s %s%s%s%s%s\n", a->username, code_label(CODES_ROLE, a->role),
			a->name, a->team_name ? ", " : "", a->team_name ? a->team_name : "", fte,
			a->disabled ? " (disabled)" : "");
	}
	if (info.naccounts == 0)
		fprintf(out, "  (no demo accounts recorded)\n");
	fprintf(out, "\n");
	return true;
}

static int usage(void)
{
	fprintf(stderr, "usage: ipsdesk demo [--db FILE] [--clients N] [--seed S] [--sites N] [--vacancies N]\n"
			"       ipsdesk demo [--db FILE] --accounts\n"
			"Makes a new database of made-up people (default %d, at most %d), the same for the\n"
			"same seed, at 1 or 2 sites (default: 1 below 100 people, else 2), each with about\n"
			"--vacancies open vacancies today (default %d, at most %d) besides those of people's\n"
			"job search; --accounts prints the accounts and password of an existing demo database.\n",
		DEMO_DEFAULT_CLIENTS, DEMO_MAX_CLIENTS, DEMO_DEFAULT_VACANCIES, DEMO_MAX_VACANCIES);
	return 2;
}

static bool parse_number(const char *s, uint64_t max, uint64_t *out)
{
	if (!s || !*s || strlen(s) > 20)
		return false;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*out = v;
	return v <= max;
}

static void remove_files(const char *db, bool key)
{
	char path[4096];
	store_remove_files(db);
	if (key) {
		snprintf(path, sizeof path, "%s.auditkey", db);
		unlink(path);
	}
}

static int show_accounts(const char *db)
{
	struct cli_ctx c;
	if (!cli_open(&c, db))
		return 1;
	bool ok = cli_demo_print_accounts(&c.app, stdout);
	cli_close(&c);
	if (!ok) {
		fprintf(stderr, "ipsdesk: %s does not hold demo data\n", db);
		return 1;
	}
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	static const char *const names[] = {"clients", "seed", "accounts!", "sites", "vacancies", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords)
		return usage();
	if (o.values[2]) {
		if (o.values[0] || o.values[1] || o.values[3] || o.values[4])
			return usage();
		return show_accounts(o.db);
	}
	uint64_t nsites = 0, nvacancies = DEMO_DEFAULT_VACANCIES;
	if (o.values[3] && (!parse_number(o.values[3], 2, &nsites) || nsites < 1)) {
		fprintf(stderr, "ipsdesk: --sites wants 1 or 2\n");
		return 2;
	}
	if (o.values[4] && !parse_number(o.values[4], DEMO_MAX_VACANCIES, &nvacancies)) {
		fprintf(stderr, "ipsdesk: --vacancies wants a whole number from 0 to %d\n", DEMO_MAX_VACANCIES);
		return 2;
	}
	uint64_t nclients = DEMO_DEFAULT_CLIENTS, seed = 1;
	if (o.values[0] && (!parse_number(o.values[0], DEMO_MAX_CLIENTS, &nclients) || nclients < 1)) {
		fprintf(stderr, "ipsdesk: --clients wants a whole number from 1 to %d\n", DEMO_MAX_CLIENTS);
		return 2;
	}
	if (o.values[1] && !parse_number(o.values[1], UINT64_MAX, &seed)) {
		fprintf(stderr, "ipsdesk: --seed wants a whole number\n");
		return 2;
	}

	struct store *s;
	int rc = store_open(o.db, STORE_CREATE, &s);
	if (rc == IPS_EEXIST) {
		fprintf(stderr, "ipsdesk: %s already exists; demo makes a new database only\n", o.db);
		return 1;
	}
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s: cannot create the database\n", o.db);
		return 1;
	}
	store_close(s);
	rc = audit_key_create(o.db);
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s.auditkey: %s\n", o.db,
			rc == IPS_EEXIST ? "an audit key already exists: remove it only if it belongs to no database"
					 : "cannot write the audit key");
		remove_files(o.db, false);
		return 1;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db)) {
		remove_files(o.db, true);
		return 1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	c.app.request_id = "demo";
	/* a new file that is simply made again if the machine dies meanwhile: no sync per
	 * commit while the two years are replayed, one checkpoint and sync at the end */
	if (store_scratch(c.app.store, true) != IPS_OK) {
		cli_close(&c);
		remove_files(o.db, true);
		return 1;
	}

	struct demo d = {
		.rng = {seed},
		.js = {seed ^ 0x6a6f627365617263u},
		.open_vacancies = (int)nvacancies,
		.keep = arena_new(),
		.app = &c.app,
		.real_now = c.app.now,
		.today = c.app.today,
		.tty = isatty(STDOUT_FILENO) == 1,
		.nhs_used = calloc(1000000 / 8 + 1, 1),
	};
	if (!d.nhs_used) {
		fprintf(stderr, "ipsdesk: out of memory\n");
		exit(1);
	}
	d.first_day = d.today - (DEMO_DAYS - 1);
	char password[96];
	demo_password(seed, password, sizeof password);

	plan(&d, (int)nclients, (int)nsites);
	plan_staff(&d);
	plan_employer_contacts(&d);
	plan_vacancies(&d);
	if (d.tty) {
		printf("Making demo data: accounts");
		fflush(stdout);
	}
	bool ok = setup(&d, seed, (int)nclients, password) && replay(&d);
	if (d.tty)
		printf("\r\033[K");
	if (ok) {
		arena_reset(c.app.arena);
		app_set_clock(&c.app, time(NULL));
		struct result r = app_demo_finish(&c.app, usernames(&d));
		ok = check(&r, "record the demo accounts");
	}
	if (ok && store_scratch(c.app.store, false) != IPS_OK) {
		fprintf(stderr, "ipsdesk: demo: the database could not be written to disk\n");
		ok = false;
	}
	sodium_memzero(password, sizeof password);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (ok) {
		int waiting = 0, open = 0, closed = 0, open_vacancies = 0;
		for (int i = 0; i < d.nvacancies; i++) {
			const struct demo_vacancy *v = &d.vacancies[i];
			open_vacancies += v->id && !v->fate_day && (!v->closing || v->closing >= d.today);
		}
		for (int i = 0; i < d.npeople; i++) {
			const struct demo_person *p = &d.people[i];
			if (p->closed)
				closed++;
			else if (p->allocated)
				open++;
			else
				waiting++;
		}
		printf("ipsdesk: made %s from seed %" PRIu64 " in %.1f s: %d %s, %d teams, %d accounts, "
		       "%d referrals (%d open, %d waiting, %d closed), %d contacts, %d vocational profiles, "
		       "%d employers, %d employer contacts, %d vacancies (%d open), %d job-search steps, "
		       "%d benefits advice, %d job starts (%d ended)\n",
		       o.db, seed, secs, d.nsites, d.nsites == 1 ? "site" : "sites", d.nteams, d.nstaff,
		       d.made_referrals, open, waiting, closed, d.made_contacts, d.made_profiles,
		       d.made_employers, d.made_employer_contacts, d.made_vacancies, open_vacancies,
		       d.made_applications, d.made_benefits, d.made_jobs, d.ended_jobs);
		printf("ipsdesk: its audit key is %s.auditkey\n\n", o.db);
		arena_reset(c.app.arena);
		cli_demo_print_accounts(&c.app, stdout);
	}
	for (int i = 0; i < d.nstaff; i++)
		free(d.staff[i].open);
	free(d.staff);
	free(d.people);
	free(d.jobs);
	free(d.ecs);
	free(d.employers[0]);
	free(d.employers[1]);
	free(d.vacancies);
	free(d.apps);
	free(d.contacts);
	free(d.events);
	free(d.nhs_used);
	arena_free(d.keep);
	cli_close(&c);
	if (!ok) {
		fprintf(stderr, "ipsdesk: demo: nothing kept; %s removed\n", o.db);
		remove_files(o.db, true);
		return 1;
	}
	return 0;
}
