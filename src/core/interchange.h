/* core/interchange.h — the CSV interchange of spec/interchange.md as data: the files in
 * import order, their columns in spec order with each column's type, default and code
 * list, and the rule for one field. The importer (app/import.c) and the exporter walk
 * these tables; no other place lists the columns. Pure: no I/O. */
#ifndef IPS_INTERCHANGE_H
#define IPS_INTERCHANGE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/codes.h"

enum ic_kind { IC_SITE, IC_TEAM, IC_STAFF, IC_EMPLOYER, IC_CLIENT, IC_REFERRAL, IC_CONTACT, IC_JOB,
	       IC_NKINDS };

enum ic_type {
	ICT_OWN_REF,    /* this record's code or ref: 1-64 bytes of '!'..'~', not "ipsdesk-..." */
	ICT_LINK,       /* the code/ref of another record (which kind: ic_column.link) */
	ICT_TEXT,       /* any text (never trimmed) */
	ICT_CODE,       /* one of ic_column.codes, case-sensitive */
	ICT_DATE,       /* YYYY-MM-DD, a real calendar day */
	ICT_BOOL,       /* yes / no */
	ICT_DECIMAL,    /* [0-9]+(\.[0-9]{1,2})? held in hundredths, within [min, max] */
	ICT_COUNT,      /* [0-9]+ within [min, max] */
	ICT_NHS_NUMBER, /* spaces removed, then 10 digits passing the check digit */
	ICT_JOB_TYPE,   /* four ASCII digits */
};

struct ic_column {
	const char *name;
	enum ic_type type;
	bool required;
	const char *dflt;            /* taken when the field is empty or the column absent */
	const struct code *codes;    /* ICT_CODE */
	enum ic_kind link;           /* ICT_LINK */
	int64_t min, max;            /* ICT_DECIMAL (hundredths) and ICT_COUNT */
	bool min_exclusive;          /* ICT_DECIMAL: "0 < fte" */
	bool pounds;                 /* ICT_DECIMAL: money, exported with 2 decimals */
};

#define IC_MAX_COLUMNS 12
struct ic_file {
	enum ic_kind kind;
	const char *file;            /* "clients.csv" */
	const char *noun;            /* "client", for messages */
	size_t ncolumns;
	struct ic_column columns[IC_MAX_COLUMNS];
};

/* The files in import order (sites first, jobs last). */
extern const struct ic_file IC_FILES[IC_NKINDS];

/* Index of a column of f by exact name, or -1. */
int ic_column_index(const struct ic_file *f, const char *name);

/* A field's value after its rule: numbers in hundredths or whole units, NHS numbers as
 * ten digits, booleans as 0/1. */
struct ic_value {
	const char *text;   /* the value to store (defaults applied); NULL when null */
	int64_t num;        /* ICT_DECIMAL, ICT_COUNT, ICT_BOOL */
	char digits[11];    /* ICT_NHS_NUMBER */
};

/* Checks one field's text (NULL or "" is empty) against its column. Returns NULL when
 * it is acceptable, filling out; otherwise a message naming the problem (static, or
 * written into msg, which must hold 160 bytes). Does not resolve ICT_LINK targets:
 * that needs the store. */
const char *ic_check_field(const struct ic_column *c, const char *text, struct ic_value *out,
			   char msg[160]);


/* The rules between fields of one row of f (spec: "Rules across records" within a
 * row), each reported on the later of its two columns. vals[i] is column i after
 * ic_check_field (text NULL when null); msg[i] is its error so far (NULL when none).
 * A rule whose inputs already have errors is skipped: one mistake, one message.
 * Sets msg[i] for the columns that break a rule. */
void ic_check_row(const struct ic_file *f, const struct ic_value *vals, const char **msg);

#endif
