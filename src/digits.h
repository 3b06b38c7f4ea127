/* digits.h - ASCII digits: the test for one without isdigit's locale
 * table, and "00".."99" for numbers written two digits at a time, from a
 * table, not digit by digit (json_print.c's integers, calendar.c's dates). */
#ifndef FX_DIGITS_H
#define FX_DIGITS_H

#include <string.h>

/* '0'..'9' */
static inline int fx_is_digit(char c) { return (unsigned char)(c - '0') < 10; }

static const char fx_two_digits[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                    "8081828384858687888990919293949596979899";

/* v < 10000 as four digits, zeros first ("0042"), at d (no NUL): two
 * at a time from the table. */
static inline void fx_put_four_digits(char *d, unsigned v)
{
    memcpy(d, fx_two_digits + 2 * (v / 100), 2);
    memcpy(d + 2, fx_two_digits + 2 * (v % 100), 2);
}

#endif
