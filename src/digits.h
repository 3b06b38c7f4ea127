/* digits.h - ASCII digits: the test for one without isdigit's locale
 * table, and "00".."99" for numbers written two digits at a time, from a
 * table, not digit by digit (json_print.c's integers, calendar.c's dates). */
#ifndef FX_DIGITS_H
#define FX_DIGITS_H

/* '0'..'9' */
static inline int fx_is_digit(char c) { return (unsigned char)(c - '0') < 10; }

static const char fx_two_digits[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                    "8081828384858687888990919293949596979899";

#endif
