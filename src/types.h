/* types.h - the fact types, listed once.
 *
 * What differs between fact types is one row of fx_types: the name (in
 * the output, in --types and in rule files), the report's legend label and
 * colour, the definition of the value in docs/factx.schema.json, and how
 * `factx eval` compares values. The document, emit, --types, the help
 * texts, eval, the HTML report and its browser test all read the rows;
 * tests/unit/test_types.c fails when a row is missing from the schema or
 * the report's legend, and tests/downstream/run.sh when the man page does
 * not name it. A type's value normaliser is the value kind of the same
 * name (rules.h), which the values stage runs. README "Adding a fact type"
 * lists every place a new type touches.
 *
 * This header sits at the bottom of the tree (document.h includes it):
 * the rows are data and point at nothing above them.
 */
#ifndef FX_TYPES_H
#define FX_TYPES_H

#include <stddef.h>

/* Fact types, in output order of the registry. FX_TYPE_NONE is for
 * blocking rules: their matches take part in overlap resolution (so they
 * can shadow e.g. a city inside an event name) and are then dropped. */
typedef enum {
    FX_DATE, FX_MONEY, FX_PERCENT, FX_CITY, FX_ORG,
    FX_TYPE_COUNT,
    FX_TYPE_NONE = FX_TYPE_COUNT
} fx_type;

#define FX_ALL_TYPES ((1u << FX_TYPE_COUNT) - 1)

/* How `factx eval` compares a gold value with factx's (SCORING.md). */
typedef enum {
    FX_COMPARE_NONE,        /* values are not scored */
    FX_COMPARE_STRING,      /* equal strings */
    FX_COMPARE_NUMBER,      /* equal numbers */
    FX_COMPARE_AMOUNT,      /* equal "currency", "amount" equal to 1e-9 relative */
    FX_COMPARE_NAME,        /* equal "name", ignoring case */
} fx_compare;

typedef struct fx_type_info {
    const char *name;       /* "type" in the output, --types, "type:" in rule files */
    const char *label;      /* the HTML report's legend */
    const char *colour;     /* the report's highlight (a CSS colour) */
    const char *schema;     /* the value's definition in docs/factx.schema.json ($defs) */
    fx_compare compare;     /* factx eval */
    /* The output's value is an object (schema 2.0). A type whose value is
     * a scalar inside factx (a date's TIMEX3 string, a percentage's number)
     * writes it under this key, and readers of older (1.x) values and of
     * gold files find it there (output_value.h); NULL: the value is an
     * object already. */
    const char *scalar_key;
    int widen_date;         /* add the date interval (start, end, grain) to the output value */
} fx_type_info;

/* One row per type, indexed by fx_type. */
extern const fx_type_info fx_types[FX_TYPE_COUNT];

/* The name of a type; "none" for FX_TYPE_NONE. */
const char *fx_type_name(fx_type type);
/* -1 when name[0..len) is not a type; "none" gives FX_TYPE_NONE. */
int fx_type_from_name(const char *name, size_t len);
/* "date,money,percent,city,org": every name, comma-separated, into buf
 * (cut to size - 1 bytes); returns buf. For help texts and messages. */
const char *fx_type_list(char *buf, size_t size);

#endif
