/*
 * matrix.c: a score matrix in memory.
 *
 * Names (measure types, heat sources, categories) are interned once into
 * small integer ids; a row's key packs those ids with its segment and bands
 * into 64 bits, and an open-addressing table maps keys to rows.  A look-up
 * is three name hashes and one key probe: constant time, no allocation.
 */
#include "ecoreg/matrix.h"

#include <string.h>

#include "ecoreg/alloc.h"
#include "util.h"

#define NAME_BITS 12
#define NAMES_MAX ((1u << NAME_BITS) - 1) /* id 0 is "no name" */
#define EMPTY UINT32_MAX

/* Per-name facts the rules ask about. */
enum { NAME_IS_MEASURE = 1, NAME_IS_FIXED = 2, NAME_IS_PRE = 4, NAME_IS_POST = 8 };

struct er_matrix {
    er_matrix_kind kind;
    char *version;
    er_date valid_from, valid_to;

    char **names;          /* id -> name; names[0] unused */
    uint8_t *name_flags;   /* id -> NAME_IS_* */
    uint32_t *name_category; /* measure id -> its category's id (0: none) */
    uint32_t n_names, cap_names;
    uint32_t *name_slots;  /* open addressing: slot -> id, 0 empty */
    uint32_t name_mask;

    er_matrix_entry *entries;
    uint64_t *keys;
    uint32_t n_entries, cap_entries;
    uint32_t *slots;       /* open addressing: slot -> entry index */
    uint32_t mask;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    return k ^ (k >> 33);
}

er_status er_matrix_new(er_matrix_kind kind, const char *version,
                        er_date valid_from, er_date valid_to, er_matrix **out)
{
    er_matrix *m;

    *out = NULL;
    if (kind < 0 || kind >= ER_MATRIX_KIND_COUNT || !version)
        return ER_EINVAL;
    m = er_calloc(1, sizeof *m);
    if (!m)
        return ER_ENOMEM;
    m->kind = kind;
    m->valid_from = valid_from;
    m->valid_to = valid_to;
    m->version = er_strdup(version);
    m->name_mask = 255;
    m->name_slots = er_calloc(m->name_mask + 1, sizeof *m->name_slots);
    m->mask = 1023;
    m->slots = er_malloc((m->mask + 1) * sizeof *m->slots);
    if (!m->version || !m->name_slots || !m->slots) {
        er_matrix_free(m);
        return ER_ENOMEM;
    }
    memset(m->slots, 0xff, (m->mask + 1) * sizeof *m->slots);
    m->n_names = 1;
    *out = m;
    return ER_OK;
}

void er_matrix_free(er_matrix *m)
{
    uint32_t i;

    if (!m)
        return;
    for (i = 1; i < m->n_names; i++)
        er_free(m->names[i]);
    er_free(m->names);
    er_free(m->name_flags);
    er_free(m->name_category);
    er_free(m->name_slots);
    er_free(m->entries);
    er_free(m->keys);
    er_free(m->slots);
    er_free(m->version);
    er_free(m);
}

/* The id of `s`, or 0 when it was never interned. */
static uint32_t name_id(const er_matrix *m, const char *s)
{
    uint32_t i = (uint32_t)hash_str(s) & m->name_mask, id;

    while ((id = m->name_slots[i]) != 0) {
        if (strcmp(m->names[id], s) == 0)
            return id;
        i = (i + 1) & m->name_mask;
    }
    return 0;
}

static void name_place(uint32_t *slots, uint32_t mask, char **names,
                       uint32_t id)
{
    uint32_t i = (uint32_t)hash_str(names[id]) & mask;

    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = id;
}

static er_status names_grow(er_matrix *m)
{
    uint32_t cap = m->cap_names ? m->cap_names * 2 : 64, i;
    char **names = er_realloc(m->names, cap * sizeof *names);
    uint8_t *flags;
    uint32_t *category;

    if (!names)
        return ER_ENOMEM;
    m->names = names;
    flags = er_realloc(m->name_flags, cap);
    if (!flags)
        return ER_ENOMEM;
    m->name_flags = flags;
    category = er_realloc(m->name_category, cap * sizeof *category);
    if (!category)
        return ER_ENOMEM;
    m->name_category = category;
    m->cap_names = cap;
    if (cap * 2 > m->name_mask + 1) {
        uint32_t mask = cap * 2 - 1;
        uint32_t *slots = er_calloc(mask + 1, sizeof *slots);

        if (!slots)
            return ER_ENOMEM;
        for (i = 1; i < m->n_names; i++)
            name_place(slots, mask, m->names, i);
        er_free(m->name_slots);
        m->name_slots = slots;
        m->name_mask = mask;
    }
    return ER_OK;
}

/* Interns `s` and returns its id in *id. */
static er_status intern(er_matrix *m, const char *s, uint32_t *id)
{
    er_status rc;

    if ((*id = name_id(m, s)) != 0)
        return ER_OK;
    if (m->n_names > NAMES_MAX)
        return ER_ELIMIT;
    if (m->n_names >= m->cap_names && (rc = names_grow(m)) != ER_OK)
        return rc;
    m->names[m->n_names] = er_strdup(s);
    if (!m->names[m->n_names])
        return ER_ENOMEM;
    m->name_flags[m->n_names] = 0;
    m->name_category[m->n_names] = 0;
    *id = m->n_names++;
    name_place(m->name_slots, m->name_mask, m->names, *id);
    return ER_OK;
}

/* Key layout: measure 12 bits, pre 12, post 12, segment 3, start 5,
 * finish 5; bands are stored +1 so that ER_BAND_NONE is 0. */
static uint64_t make_key(uint32_t measure, uint32_t pre, uint32_t post,
                         er_segment seg, er_band start, er_band finish)
{
    return (uint64_t)measure << 37 | (uint64_t)pre << 25 |
           (uint64_t)post << 13 | (uint64_t)(seg + 1) << 10 |
           (uint64_t)(start + 1) << 5 | (uint64_t)(finish + 1);
}

static const er_matrix_entry *find_key(const er_matrix *m, uint64_t key)
{
    uint32_t i = (uint32_t)mix64(key) & m->mask, e;

    while ((e = m->slots[i]) != EMPTY) {
        if (m->keys[e] == key)
            return &m->entries[e];
        i = (i + 1) & m->mask;
    }
    return NULL;
}

static void slot_place(uint32_t *slots, uint32_t mask, uint64_t key,
                       uint32_t e)
{
    uint32_t i = (uint32_t)mix64(key) & mask;

    while (slots[i] != EMPTY)
        i = (i + 1) & mask;
    slots[i] = e;
}

static er_status entries_grow(er_matrix *m)
{
    uint32_t cap = m->cap_entries ? m->cap_entries * 2 : 1024, i;
    er_matrix_entry *entries = er_realloc(m->entries, cap * sizeof *entries);
    uint64_t *keys;

    if (!entries)
        return ER_ENOMEM;
    m->entries = entries;
    keys = er_realloc(m->keys, cap * sizeof *keys);
    if (!keys)
        return ER_ENOMEM;
    m->keys = keys;
    m->cap_entries = cap;
    /* keep the table at most half full */
    if (cap * 2 > m->mask + 1) {
        uint32_t mask = cap * 2 - 1;
        uint32_t *slots = er_malloc((mask + 1) * sizeof *slots);

        if (!slots)
            return ER_ENOMEM;
        memset(slots, 0xff, (mask + 1) * sizeof *slots);
        for (i = 0; i < m->n_entries; i++)
            slot_place(slots, mask, m->keys[i], i);
        er_free(m->slots);
        m->slots = slots;
        m->mask = mask;
    }
    return ER_OK;
}

/* Checks the fields `m`'s kind needs are present. */
static er_status check_row(const er_matrix *m, uint32_t row,
                           const er_matrix_row *r, er_error *err)
{
    if (r->segment < 0 || r->segment >= ER_SEGMENT_COUNT)
        return er_error_set(err, ER_EINVAL, row, "Total Floor Area Band",
                            "no floor area segment");
    if (m->kind == ER_MATRIX_ECO4_FPS) {
        if (r->starting_band == ER_BAND_NONE)
            return er_error_set(err, ER_EINVAL, row, "Starting Band",
                                "an FPS row needs a starting band");
        if (r->finishing_band == ER_BAND_NONE)
            return er_error_set(err, ER_EINVAL, row, "Finishing Band",
                                "an FPS row needs a finishing band");
        return ER_OK;
    }
    if (!r->measure_type || !*r->measure_type)
        return er_error_set(err, ER_EINVAL, row, "Measure_Type",
                            "a measure row needs a measure type");
    if (!r->pre_heating || !*r->pre_heating)
        return er_error_set(err, ER_EINVAL, row, "Pre_Main_Heating_Source",
                            "empty heat source (write N/A for none)");
    if (m->kind == ER_MATRIX_ECO4_PPS && (!r->post_heating || !*r->post_heating))
        return er_error_set(err, ER_EINVAL, row, "Post_Main_Heating_Source",
                            "empty heat source (write N/A for none)");
    return ER_OK;
}

/* Interns a row's names into ids; those a kind lacks stay 0. */
static er_status intern_row(er_matrix *m, const er_matrix_row *r,
                            uint32_t ids[4], er_error *err, uint32_t row)
{
    const char *names[4] = { r->measure_type, r->pre_heating,
                             m->kind == ER_MATRIX_ECO4_PPS ? r->post_heating : NULL,
                             r->category };
    static const char *const fields[4] = { "Measure_Type", "Pre_Main_Heating_Source",
                                           "Post_Main_Heating_Source", "Measure category" };
    er_status rc;
    int i;

    for (i = 0; i < 4; i++) {
        ids[i] = 0;
        if (m->kind == ER_MATRIX_ECO4_FPS || !names[i])
            continue;
        if (strlen(names[i]) >= ER_MATRIX_NAME_MAX)
            return er_error_set(err, ER_EINVAL, row, fields[i],
                                "longer than %d characters", ER_MATRIX_NAME_MAX - 1);
        rc = intern(m, names[i], &ids[i]);
        if (rc)
            return er_error_set(err, rc, row, fields[i], "%s", er_strerror(rc));
    }
    return ER_OK;
}

er_status er_matrix_add(er_matrix *m, uint32_t row, const er_matrix_row *r,
                        er_error *err)
{
    uint32_t ids[4];
    uint64_t key;
    const er_matrix_entry *dup;
    er_matrix_entry *e;
    er_status rc;

    if ((rc = check_row(m, row, r, err)) != ER_OK)
        return rc;
    if ((rc = intern_row(m, r, ids, err, row)) != ER_OK)
        return rc;
    key = make_key(ids[0], ids[1], ids[2], r->segment, r->starting_band,
                   m->kind == ER_MATRIX_ECO4_FPS ? r->finishing_band : ER_BAND_NONE);
    if ((dup = find_key(m, key)) != NULL)
        return er_error_set(err, ER_EDUPLICATE, row, "",
                            "same key as row %u", (unsigned)dup->row);
    if (m->n_entries >= m->cap_entries && (rc = entries_grow(m)) != ER_OK)
        return er_error_set(err, rc, row, "", "%s", er_strerror(rc));
    e = &m->entries[m->n_entries];
    e->cost_tenths = r->cost_tenths;
    e->atf_hundredths = r->atf_hundredths;
    e->sap_savings_hundredths = r->sap_savings_hundredths;
    e->row = row;
    e->category = ids[3] ? m->names[ids[3]] : "";
    m->keys[m->n_entries] = key;
    slot_place(m->slots, m->mask, key, m->n_entries);
    m->n_entries++;
    if (ids[0]) {
        m->name_flags[ids[0]] |= NAME_IS_MEASURE;
        m->name_category[ids[0]] = ids[3];
        if (r->starting_band == ER_BAND_NONE)
            m->name_flags[ids[0]] |= NAME_IS_FIXED;
    }
    if (ids[1])
        m->name_flags[ids[1]] |= NAME_IS_PRE;
    if (ids[2])
        m->name_flags[ids[2]] |= NAME_IS_POST;
    return ER_OK;
}

er_status er_matrix_find_fps(const er_matrix *m, er_segment seg,
                             er_band start, er_band finish,
                             const er_matrix_entry **out)
{
    if (m->kind != ER_MATRIX_ECO4_FPS || seg < 0 || seg >= ER_SEGMENT_COUNT)
        return ER_EINVAL;
    *out = find_key(m, make_key(0, 0, 0, seg, start, finish));
    return *out ? ER_OK : ER_ENOTFOUND;
}

er_status er_matrix_find(const er_matrix *m, const char *measure_type,
                         const char *pre, const char *post, er_segment seg,
                         er_band band, const er_matrix_entry **out)
{
    uint32_t mt, pr, po = 0;

    *out = NULL;
    if (m->kind == ER_MATRIX_ECO4_FPS || seg < 0 || seg >= ER_SEGMENT_COUNT)
        return ER_EINVAL;
    mt = name_id(m, measure_type);
    pr = name_id(m, pre);
    if (m->kind == ER_MATRIX_ECO4_PPS)
        po = name_id(m, post);
    if (!mt || !pr || (m->kind == ER_MATRIX_ECO4_PPS && !po))
        return ER_ENOTFOUND;
    *out = find_key(m, make_key(mt, pr, po, seg, band, ER_BAND_NONE));
    return *out ? ER_OK : ER_ENOTFOUND;
}

static int has_flag(const er_matrix *m, const char *name, uint8_t flag)
{
    uint32_t id = name_id(m, name);

    return id && (m->name_flags[id] & flag);
}

int er_matrix_has_measure(const er_matrix *m, const char *measure_type)
{
    return has_flag(m, measure_type, NAME_IS_MEASURE);
}

int er_matrix_measure_is_fixed(const er_matrix *m, const char *measure_type)
{
    return has_flag(m, measure_type, NAME_IS_FIXED);
}

int er_matrix_has_pre_heating(const er_matrix *m, const char *name)
{
    return has_flag(m, name, NAME_IS_PRE);
}

const char *er_matrix_measure_category(const er_matrix *m, const char *measure_type)
{
    uint32_t id = name_id(m, measure_type);

    return id && m->name_category[id] ? m->names[m->name_category[id]] : NULL;
}

int er_matrix_has_post_heating(const er_matrix *m, const char *name)
{
    return has_flag(m, name, NAME_IS_POST);
}

size_t er_matrix_count(const er_matrix *m)
{
    return m->n_entries;
}

er_matrix_kind er_matrix_kind_of(const er_matrix *m)
{
    return m->kind;
}

const char *er_matrix_version(const er_matrix *m)
{
    return m->version;
}

int er_matrix_valid_on(const er_matrix *m, er_date d)
{
    return (m->valid_from == ER_DATE_NONE || d >= m->valid_from) &&
           (m->valid_to == ER_DATE_NONE || d <= m->valid_to);
}

static const char *const kind_names[ER_MATRIX_KIND_COUNT] = {
    "eco4-fps", "eco4-pps", "gbis",
};

const char *er_matrix_kind_name(er_matrix_kind k)
{
    return k >= 0 && k < ER_MATRIX_KIND_COUNT ? kind_names[k] : "?";
}

er_status er_matrix_kind_parse(const char *s, er_matrix_kind *out)
{
    int i = er_name_index(kind_names, ER_MATRIX_KIND_COUNT, s);

    if (i < 0)
        return ER_EINVAL;
    *out = (er_matrix_kind)i;
    return ER_OK;
}
