/* org.h - what the organisation resolver (resolve_org.c) decides and the
 * organisation values (values_org.c) write, and its acronym tests
 * (exposed for the unit tests). */
#ifndef FX_ORG_H
#define FX_ORG_H

#include <stddef.h>

struct fx_org_tables;

/* 1 when s[0..n) looks like an acronym: capitals, digits, '&' and '-',
 * at least two capitals ("BWA", "C40"; not "MoU"). */
int fx_org_is_acronym(const char *s, size_t n);

/* 1 when acr[0..acr_len) can stand for long_form: its letters spelt in
 * order from initials and letters inside words, skipping function words
 * and at most one content word ("BJMCPNR" for "Beijing Municipal
 * Commission of Urban Planning & Natural Resources"); or the initials of
 * all its content words in any order ("DTU" for "Technical University of
 * Denmark"); or, from three letters on, at least the first
 * initial (acronyms of names in another language). tables: the
 * organisations' tables of the context (resolve_impl.h: its
 * ORG_FUNCTION_WORDS), or NULL: no word is a function word. */
int fx_org_acronym_fits(const char *acr, size_t acr_len, const char *long_form, size_t long_len,
                        const struct fx_org_tables *tables);

/* The resolver's decision for an organisation fact (fx_fact.resolution),
 * in the document's arena. */
typedef struct fx_org_resolution {
    const char *name;           /* the canonical name: the table's, an acronym's long form, or the text;
                                 * then the fullest name of its entity (resolve_mentions.c) */
    const char *acronym_of;     /* an acronym's long form, or NULL */
    size_t entity;              /* 1, 2, ...: shared by every mention of one organisation; 0 before */
    int lasting;                /* name and acronym_of are a table's fields (the context's), not the
                                 * arena's: values_org.c keeps the value across documents; 0: not known */
} fx_org_resolution;

#endif
