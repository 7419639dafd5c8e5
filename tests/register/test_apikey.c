/*
 * test_apikey.c: the API keys of the HTTP interface (apikey.h; issue 6
 * "Who may do what") over a real SQLite store: a key opens the register
 * for its role and scope only while active, its secret is kept as a hash
 * alone, and every malformed or wrong token is refused alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/apikey.h"
#include "ecoreg/certify.h"
#include "support.h"

static char dir[64];
static er_store *s;

static const er_act act = { .actor = "test", .at = "2026-11-22T10:00:00Z" };

static int setup(void **state)
{
    char path[128];
    er_error err = { 0 };
    er_supplier abc = { .code = "ABC", .name = "A Big Company" };
    er_installer in = { .id = "INST-1",
                        .name = "Heat Ltd",
                        .postcode = "LS6 2AB",
                        .technologies = 1u << ER_CHMM_AIR_TO_WATER };
    er_date on;

    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ecoreg-test-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/k.db", dir);
    er_date_parse_iso("2025-01-01", &on);
    if (er_store_open(path, &s, &err) || er_register_supplier_add(s, &act, &abc, &err) ||
        er_register_installer_apply(s, &act, &in, on, &err))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];

    (void)state;
    er_store_close(s);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Who may hold a key, and bound to what (apikey.h): each row a role, a
 * scope and owner, and what creating it answers. */
static void test_create_table(void **state)
{
    static const struct {
        er_role role;
        const char *scope, *owner;
        er_status want;
        const char *field;
    } rows[] = {
        { ER_ROLE_ADMINISTRATOR, "", "Ofgem ECO team", ER_OK, "" },
        { ER_ROLE_SUPPLIER, "ABC", "ABC compliance", ER_OK, "" },
        { ER_ROLE_CERTIFICATION_BODY, NULL, "MCS", ER_OK, "" },
        { ER_ROLE_INSTALLER, "INST-1", "Heat Ltd office", ER_OK, "" },
        { ER_ROLE_PUBLIC, "", "anyone", ER_EINVAL, "role" },            /* needs no key */
        { ER_ROLE_SUPPLIER, "XYZ", "XYZ team", ER_ENOTFOUND, "scope" }, /* no such supplier */
        { ER_ROLE_SUPPLIER, "abc1", "x", ER_EINVAL, "scope" },          /* not a code */
        { ER_ROLE_SUPPLIER, "", "x", ER_EINVAL, "scope" },              /* unbound */
        { ER_ROLE_INSTALLER, "INST-9", "x", ER_ENOTFOUND, "scope" },
        { ER_ROLE_ADMINISTRATOR, "ABC", "x", ER_EINVAL, "scope" }, /* not bound */
        { ER_ROLE_ADMINISTRATOR, "", "", ER_EINVAL, "owner" },
        { ER_ROLE_ADMINISTRATOR, "", "tab\there", ER_EINVAL, "owner" },
    };
    char token[ER_APIKEY_TOKEN_MAX];
    er_apikey k, back;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        er_error err = { 0 };
        er_status rc = er_register_apikey_create(s, &act, rows[i].role, rows[i].scope,
                                                 rows[i].owner, &k, token, &err);

        if (rc != rows[i].want || strcmp(err.field, rows[i].field) != 0)
            fail_msg("row %zu: %s (%s: %s)", i, er_strerror(rc), err.field, err.message);
        if (rc)
            continue;
        /* the key's text: er_ + 12 hex digits + _ + 43 base64url characters */
        assert_int_equal(strlen(token), 3 + 12 + 1 + 43);
        assert_int_equal(er_register_apikey_check(s, token, &back), ER_OK);
        assert_string_equal(back.id, k.id);
        assert_int_equal(back.role, rows[i].role);
        assert_string_equal(back.scope, rows[i].scope ? rows[i].scope : "");
        /* the register holds the hash, never the secret */
        assert_null(strstr(back.hash, token + 16));
    }
}

/* Every token that is not an active key's is refused the same way. */
static void test_check_refuses(void **state)
{
    char token[ER_APIKEY_TOKEN_MAX], other[ER_APIKEY_TOKEN_MAX], wrong[ER_APIKEY_TOKEN_MAX];
    er_error err = { 0 };
    er_apikey k, out;
    size_t i;

    (void)state;
    assert_int_equal(
        er_register_apikey_create(s, &act, ER_ROLE_SUPPLIER, "ABC", "team", &k, token, &err),
        ER_OK);
    snprintf(wrong, sizeof wrong, "%s", token);
    wrong[strlen(wrong) - 1] = wrong[strlen(wrong) - 1] == 'A' ? 'B' : 'A'; /* one character */
    snprintf(other, sizeof other, "er_000000000000_%s", token + 16);        /* another ID */
    {
        const char *bad[] = {
            "",
            "er_",
            "Bearer",
            wrong,
            other,
            "er_ZZZZZZZZZZZZ_abc",
            "xx_0123456789ab_abc",
            "er_0123456789ab-abc",
            token + 1,
        };

        for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
            if (er_register_apikey_check(s, bad[i], &out) != ER_ENOTFOUND)
                fail_msg("token %zu opened the register", i);
    }
    assert_int_equal(er_register_apikey_check(s, NULL, &out), ER_ENOTFOUND);
    /* revoked: closed for good, and revoking twice is refused */
    assert_int_equal(er_register_apikey_check(s, token, &out), ER_OK);
    assert_int_equal(er_register_apikey_revoke(s, &act, k.id, "", &err), ER_EINVAL);
    assert_int_equal(er_register_apikey_revoke(s, &act, k.id, "left", &err), ER_OK);
    assert_int_equal(er_register_apikey_check(s, token, &out), ER_ENOTFOUND);
    assert_int_equal(er_register_apikey_revoke(s, &act, k.id, "again", &err), ER_EINVAL);
    assert_int_equal(er_register_apikey_revoke(s, &act, "ffffffffffff", "x", &err), ER_ENOTFOUND);
}

/* The actor a key's writes carry names its ID and owner. */
static void test_actor(void **state)
{
    er_apikey k = { .id = "0123456789ab", .owner = "ABC compliance team" };
    char actor[ER_EVENT_TEXT_MAX];

    (void)state;
    er_apikey_actor(&k, actor);
    assert_string_equal(actor, "api:0123456789ab ABC compliance team");
}

static void test_role_names(void **state)
{
    er_role r;
    int i;

    (void)state;
    for (i = 0; i < ER_ROLE_COUNT; i++) {
        assert_int_equal(er_role_parse(er_role_name((er_role)i), &r), ER_OK);
        assert_int_equal(r, i);
    }
    assert_int_equal(er_role_parse("admin", &r), ER_EINVAL);
    assert_int_equal(er_role_parse(NULL, &r), ER_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_table),
        cmocka_unit_test(test_check_refuses),
        cmocka_unit_test(test_actor),
        cmocka_unit_test(test_role_names),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
