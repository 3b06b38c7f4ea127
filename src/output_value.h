/* output_value.h - the value a fact carries in the output (schema 2.x).
 *
 * Since schema 2.0 every fact's "value" is an object, so that an index
 * can map it (docs/SCHEMA.md). Inside factx, the rules' examples and the
 * resolvers keep the values they always had (a date is its TIMEX3 string,
 * a percentage a number); emit turns them into the output's shape here,
 * as each type's registry row says (types.h): a scalar goes under the
 * row's scalar_key, and the row's widen function adds what can be
 * derived from it (a date's interval). Pure functions, no state.
 */
#ifndef FX_OUTPUT_VALUE_H
#define FX_OUTPUT_VALUE_H

#include <cjson/cJSON.h>

#include "json_print.h"
#include "types.h"

/* The output value of a fact of type type whose internal value is value
 * (may be NULL: then NULL). A new tree the caller frees with cJSON_Delete. */
cJSON *fx_output_value(fx_type type, const cJSON *value);

/* The same value written to out as fx_json_value would write
 * fx_output_value(type, value) (value not NULL), without making it. */
void fx_output_value_write(fx_json_writer *out, fx_type type, const cJSON *value);

/* The same for a value that is the string s, or the number number, given
 * as such rather than as a tree (values.h writes values so). */
void fx_output_string_write(fx_json_writer *out, fx_type type, const char *s);
void fx_output_number_write(fx_json_writer *out, fx_type type, double number);

/* The scalar an older (1.x) value held, from either shape: the item under
 * the type's scalar_key of an object, or value itself. For readers of
 * both shapes (factx eval with gold files written as ANNOTATION.md says,
 * the HTML report, exports). Borrowed from value. */
const cJSON *fx_value_scalar(fx_type type, const cJSON *value);

/* The date row's widen function: adds "start" and "end" (the first and
 * last day the TIMEX3 value covers, YYYY-MM-DD, or null when it has
 * unknown parts or no fixed days: seasons, fiscal years, PRESENT_REF) and
 * "grain" (year, half, quarter, month, week, day, time, season, decade,
 * century, weekend, fiscal_year; null for PRESENT_REF and the like) to out, from
 * the TIMEX3 string timex. A range "A/B" runs from A's start to B's end,
 * with A's grain. */
void fx_widen_date(cJSON *out, const char *timex);

#endif
