/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>

#include "table-format.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/uuid.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "timeval.h"

/* Whether a table was printed already, so that the next one gets a
 * separator. */
static bool printed_a_table;

void
table_init(struct table *table)
{
    memset(table, 0, sizeof *table);
}

void
table_destroy(struct table *table)
{
    if (!table) {
        return;
    }
    for (size_t i = 0; i < table->n_rows * table->n_columns; i++) {
        free(table->cells[i].text);
        json_decref(table->cells[i].json);
    }
    free(table->cells);
    for (size_t i = 0; i < table->n_columns; i++) {
        free(table->headings[i]);
    }
    free(table->headings);
    free(table->caption);
}

void
table_set_caption(struct table *table, char *caption)
{
    free(table->caption);
    table->caption = caption;
}

void
table_set_timestamp(struct table *table, bool timestamp)
{
    table->timestamp = timestamp;
}

void
table_add_column(struct table *table, const char *heading)
{
    ovs_assert(!table->n_rows);
    if (table->n_columns >= table->allocated_columns) {
        table->headings = x2nrealloc(table->headings,
                                     &table->allocated_columns,
                                     sizeof *table->headings);
    }
    table->headings[table->n_columns++] = xstrdup(heading);
}

void
table_add_row(struct table *table)
{
    if (table->n_rows >= table->allocated_rows) {
        size_t old = table->allocated_rows;

        table->cells = x2nrealloc(table->cells, &table->allocated_rows,
                                  table->n_columns * sizeof *table->cells
                                  + 1);
        memset(&table->cells[old * table->n_columns], 0,
               (table->allocated_rows - old) * table->n_columns
               * sizeof *table->cells);
    }
    table->n_rows++;
    table->current_column = 0;
}

struct cell *
table_add_cell(struct table *table)
{
    ovs_assert(table->n_rows > 0);
    ovs_assert(table->current_column < table->n_columns);
    return &table->cells[(table->n_rows - 1) * table->n_columns
                         + table->current_column++];
}

bool
table_is_empty(const struct table *table)
{
    return !table->n_rows;
}

static const struct cell *
table_cell(const struct table *table, size_t row, size_t column)
{
    return &table->cells[row * table->n_columns + column];
}

char *
cell_to_text(const struct cell *cell, const struct table_style *style)
{
    if (cell->text) {
        return xstrdup(cell->text);
    } else if (!cell->json) {
        return xstrdup("");
    } else if (!cell->type) {
        return json_to_string(cell->json, JSSF_SORT);
    } else if (style->cell_format == CF_JSON) {
        return json_to_string(cell->json, 0);
    } else {
        struct ovsdb_datum datum;
        struct ovsdb_error *error;
        struct ds s = DS_EMPTY_INITIALIZER;

        error = ovsdb_datum_from_json(&datum, cell->type, cell->json, NULL);
        if (error) {
            ovsdb_error_destroy(error);
            return json_to_string(cell->json, 0);
        }
        if (style->cell_format == CF_BARE) {
            ovsdb_datum_to_bare(&datum, cell->type, &s);
        } else {
            ovsdb_datum_to_string(&datum, cell->type, &s);
        }
        ovsdb_datum_destroy(&datum, cell->type);
        return ds_steal_cstr(&s);
    }
}

/* Returns the text of every cell of 'table' in 'style', row by row. */
static char **
table_texts(const struct table *table, const struct table_style *style)
{
    size_t n = table->n_rows * table->n_columns;
    char **texts = xmalloc(n * sizeof *texts + 1);

    for (size_t i = 0; i < n; i++) {
        texts[i] = cell_to_text(&table->cells[i], style);
    }
    return texts;
}

static void
free_texts(char **texts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(texts[i]);
    }
    free(texts);
}

/* Prints the line in 'line' without its trailing spaces. */
static void
print_trimmed_line(struct ds *line)
{
    while (line->length && line->string[line->length - 1] == ' ') {
        line->length--;
    }
    ds_put_char(line, '\n');
    fputs(ds_cstr(line), stdout);
    ds_clear(line);
}

static void
print_timestamp(void)
{
    struct tm_msec tm;
    char s[64];

    if (gmtime_msec(time_wall_msec(), &tm)) {
        strftime_msec(s, sizeof s, "%Y-%m-%d %H:%M:%S.###", &tm);
        puts(s);
    }
}

static void
print_table_format(const struct table *table, const struct table_style *style)
{
    char **texts = table_texts(table, style);
    size_t *widths = xcalloc(table->n_columns + 1, sizeof *widths);
    struct ds line = DS_EMPTY_INITIALIZER;

    for (size_t c = 0; c < table->n_columns; c++) {
        if (style->headings) {
            widths[c] = strlen(table->headings[c]);
        }
        for (size_t r = 0; r < table->n_rows; r++) {
            widths[c] = MAX(widths[c],
                            strlen(texts[r * table->n_columns + c]));
        }
    }

    if (style->headings) {
        for (size_t c = 0; c < table->n_columns; c++) {
            if (c) {
                ds_put_char(&line, ' ');
            }
            ds_put_format(&line, "%-*s", (int) widths[c],
                          table->headings[c]);
        }
        print_trimmed_line(&line);
        for (size_t c = 0; c < table->n_columns; c++) {
            if (c) {
                ds_put_char(&line, ' ');
            }
            ds_put_char_multiple(&line, '-', widths[c]);
        }
        print_trimmed_line(&line);
    }

    for (size_t r = 0; r < table->n_rows; r++) {
        for (size_t c = 0; c < table->n_columns; c++) {
            if (c) {
                ds_put_char(&line, ' ');
            }
            ds_put_format(&line, "%-*s", (int) widths[c],
                          texts[r * table->n_columns + c]);
        }
        print_trimmed_line(&line);
    }

    ds_destroy(&line);
    free(widths);
    free_texts(texts, table->n_rows * table->n_columns);
}

static void
print_list_format(const struct table *table, const struct table_style *style)
{
    char **texts = table_texts(table, style);

    for (size_t r = 0; r < table->n_rows; r++) {
        if (r) {
            putchar('\n');
        }
        for (size_t c = 0; c < table->n_columns; c++) {
            if (style->headings) {
                printf("%-20s: ", table->headings[c]);
            }
            puts(texts[r * table->n_columns + c]);
        }
    }
    free_texts(texts, table->n_rows * table->n_columns);
}

/* Prints 's' as one CSV field. */
static void
print_csv_field(const char *s)
{
    if (strpbrk(s, ",\"\r\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"') {
                putchar('"');
            }
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
}

static void
print_csv_format(const struct table *table, const struct table_style *style)
{
    char **texts = table_texts(table, style);

    if (style->headings) {
        for (size_t c = 0; c < table->n_columns; c++) {
            if (c) {
                putchar(',');
            }
            print_csv_field(table->headings[c]);
        }
        putchar('\n');
    }
    for (size_t r = 0; r < table->n_rows; r++) {
        for (size_t c = 0; c < table->n_columns; c++) {
            if (c) {
                putchar(',');
            }
            print_csv_field(texts[r * table->n_columns + c]);
        }
        putchar('\n');
    }
    free_texts(texts, table->n_rows * table->n_columns);
}

/* True if the 36 bytes at 's' look like a UUID. */
static bool
is_uuid_at(const char *s)
{
    for (int i = 0; i < UUID_LEN; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;

        if (dash ? s[i] != '-' : !isxdigit((unsigned char) s[i])) {
            return false;
        }
    }
    return true;
}

/* Prints 's' escaped for HTML, with every UUID in it turned into a link to
 * its row (or, if 'anchor', into the anchor that such links point to). */
static void
print_html_text(const char *s, bool anchor)
{
    size_t len = strlen(s);

    for (size_t i = 0; i < len; i++) {
        if (len - i >= UUID_LEN && is_uuid_at(&s[i])) {
            printf("<a %s=\"%s%.*s\">%.8s</a>", anchor ? "name" : "href",
                   anchor ? "" : "#", UUID_LEN, &s[i], &s[i]);
            i += UUID_LEN - 1;
            continue;
        }
        switch (s[i]) {
        case '&':
            fputs("&amp;", stdout);
            break;
        case '<':
            fputs("&lt;", stdout);
            break;
        case '>':
            fputs("&gt;", stdout);
            break;
        case '"':
            fputs("&quot;", stdout);
            break;
        default:
            putchar(s[i]);
            break;
        }
    }
}

static void
print_html_format(const struct table *table, const struct table_style *style)
{
    char **texts = table_texts(table, style);

    puts("<table border=1>");
    if (table->caption) {
        fputs("    <caption>", stdout);
        print_html_text(table->caption, false);
        puts("</caption>");
    }
    if (style->headings) {
        puts("  <tr>");
        for (size_t c = 0; c < table->n_columns; c++) {
            fputs("    <th>", stdout);
            print_html_text(table->headings[c], false);
            puts("</th>");
        }
        puts("  </tr>");
    }
    for (size_t r = 0; r < table->n_rows; r++) {
        puts("  <tr>");
        for (size_t c = 0; c < table->n_columns; c++) {
            fputs("    <td>", stdout);
            print_html_text(texts[r * table->n_columns + c],
                            !strcmp(table->headings[c], "_uuid"));
            puts("</td>");
        }
        puts("  </tr>");
    }
    puts("</table>");
    free_texts(texts, table->n_rows * table->n_columns);
}

static void
print_json_format(const struct table *table, const struct table_style *style)
{
    json_t *json = json_object_create();
    json_t *data = json_array_create_empty();
    char *s;

    if (table->caption) {
        json_object_put_string(json, "caption", table->caption);
    }
    if (style->headings) {
        json_t *headings = json_array_create_empty();

        for (size_t c = 0; c < table->n_columns; c++) {
            json_array_add(headings, json_string_create(table->headings[c]));
        }
        json_object_put(json, "headings", headings);
    }
    for (size_t r = 0; r < table->n_rows; r++) {
        json_t *row = json_array_create_empty();

        for (size_t c = 0; c < table->n_columns; c++) {
            const struct cell *cell = table_cell(table, r, c);

            if (cell->text) {
                json_array_add(row, json_string_create(cell->text));
            } else if (cell->json) {
                json_array_add(row, json_clone(cell->json));
            } else {
                json_array_add(row, json_null_create());
            }
        }
        json_array_add(data, row);
    }
    json_object_put(json, "data", data);

    s = json_to_string(json, style->json_flags | JSSF_SORT);
    puts(s);
    free(s);
    json_decref(json);
}

void
table_print(const struct table *table, const struct table_style *style)
{
    bool separate = (style->format == TF_TABLE || style->format == TF_LIST
                     || style->format == TF_CSV);

    if (separate && printed_a_table) {
        putchar('\n');
    }
    printed_a_table = true;

    if (table->timestamp) {
        print_timestamp();
    }
    if (table->caption && separate) {
        puts(table->caption);
    }

    switch (style->format) {
    case TF_TABLE:
        print_table_format(table, style);
        break;
    case TF_LIST:
        print_list_format(table, style);
        break;
    case TF_HTML:
        print_html_format(table, style);
        break;
    case TF_CSV:
        print_csv_format(table, style);
        break;
    case TF_JSON:
        print_json_format(table, style);
        break;
    }
    fflush(stdout);
}

bool
table_parse_format(const char *s, enum table_format *format)
{
    if (!strcmp(s, "table")) {
        *format = TF_TABLE;
    } else if (!strcmp(s, "list")) {
        *format = TF_LIST;
    } else if (!strcmp(s, "html")) {
        *format = TF_HTML;
    } else if (!strcmp(s, "csv")) {
        *format = TF_CSV;
    } else if (!strcmp(s, "json")) {
        *format = TF_JSON;
    } else {
        return false;
    }
    return true;
}

bool
table_parse_cell_format(const char *s, enum cell_format *cell_format)
{
    if (!strcmp(s, "string")) {
        *cell_format = CF_STRING;
    } else if (!strcmp(s, "bare")) {
        *cell_format = CF_BARE;
    } else if (!strcmp(s, "json")) {
        *cell_format = CF_JSON;
    } else {
        return false;
    }
    return true;
}
