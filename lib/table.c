/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "table.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/uuid.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "uuid.h"

/* Number of tables printed so far, for the blank line that separates
 * successive tables. */
static int n_tables_printed;

/* Initializes 'table' as an empty table with no columns. */
void
table_init(struct table *table)
{
    memset(table, 0, sizeof *table);
}

/* Frees what 'table' owns (not 'table' itself).  Accepts NULL. */
void
table_destroy(struct table *table)
{
    if (!table) {
        return;
    }
    for (size_t i = 0; i < table->n_columns; i++) {
        free(table->columns[i]);
    }
    free(table->columns);

    for (size_t i = 0; i < table->n_columns * table->n_rows; i++) {
        struct cell *cell = &table->cells[i];
        free(cell->text);
        free(cell->formatted);
        if (cell->json) {
            json_decref(cell->json);
        }
    }
    free(table->cells);
    free(table->caption);
}

/* Makes 'caption' (which the table takes ownership of) the caption of
 * 'table', replacing any previous one.  NULL removes the caption. */
void
table_set_caption(struct table *table, char *caption)
{
    free(table->caption);
    table->caption = caption;
}

/* Sets whether 'table' is printed with the current time above it. */
void
table_set_timestamp(struct table *table, bool timestamp)
{
    table->timestamp = timestamp;
}

/* Adds a column headed by the printf-formatted 'heading'.  Columns must be
 * added before any row. */
void
table_add_column(struct table *table, const char *heading, ...)
{
    va_list args;

    ovs_assert(!table->n_rows);
    if (table->n_columns >= table->allocated_columns) {
        table->columns = x2nrealloc(table->columns, &table->allocated_columns,
                                    sizeof *table->columns);
    }
    va_start(args, heading);
    table->columns[table->n_columns++] = xvasprintf(heading, args);
    va_end(args);
}

/* Returns cell 'x' (column) of row 'y'. */
static struct cell *
table_cell__(const struct table *table, size_t y, size_t x)
{
    return &table->cells[x + y * table->n_columns];
}

/* Adds a row of empty cells to 'table'.  table_add_cell() then fills them
 * in from left to right. */
void
table_add_row(struct table *table)
{
    if (table->n_rows >= table->allocated_rows) {
        table->cells = x2nrealloc(table->cells, &table->allocated_rows,
                                  table->n_columns * sizeof *table->cells);
    }
    size_t y = table->n_rows++;
    table->current_column = 0;
    for (size_t x = 0; x < table->n_columns; x++) {
        struct cell *cell = table_cell__(table, y, x);
        memset(cell, 0, sizeof *cell);
    }
}

/* Returns the next cell of the last row, for the caller to fill in (set
 * 'text', or 'json' and 'type'). */
struct cell *
table_add_cell(struct table *table)
{
    ovs_assert(table->n_rows > 0);
    ovs_assert(table->current_column < table->n_columns);
    return table_cell__(table, table->n_rows - 1, table->current_column++);
}

/* Returns true if 'table' has no rows. */
bool
table_empty(const struct table *table)
{
    return !table->n_rows;
}

/* Returns the text of 'cell' for 'style'. */
const char *
cell_to_text(struct cell *cell, const struct table_style *style)
{
    if (cell->text) {
        return cell->text;
    }
    if (!cell->json) {
        return "";
    }

    /* The text of a JSON cell depends on the cell format, so keep the last
     * one computed along with the format that produced it. */
    free(cell->formatted);
    if (style->cell_format == CF_JSON || !cell->type) {
        cell->formatted = json_to_string(cell->json, JSSF_SORT);
    } else {
        struct ovsdb_datum datum;
        struct ovsdb_error *error;

        error = ovsdb_datum_from_json(&datum, cell->type, cell->json, NULL);
        if (!error) {
            struct ds s = DS_EMPTY_INITIALIZER;

            if (style->cell_format == CF_STRING) {
                ovsdb_datum_to_string(&datum, cell->type, &s);
            } else {
                ovsdb_datum_to_bare(&datum, cell->type, &s);
            }
            ovsdb_datum_destroy(&datum, cell->type);
            cell->formatted = ds_steal_cstr(&s);
        } else {
            ovsdb_error_destroy(error);
            cell->formatted = json_to_string(cell->json, JSSF_SORT);
        }
    }
    return cell->formatted;
}

/* Like cell_to_text() for a cell of a table that the caller may not
 * modify: the cached text is not part of what the table means. */
static const char *
cell_text(const struct table *table, size_t y, size_t x,
          const struct table_style *style)
{
    return cell_to_text(table_cell__(table, y, x), style);
}

/* Appends the current wall-clock time (UTC) to 'out' in the form
 * "2026-01-31 12:34:56.789". */
static void
table_put_timestamp(struct ds *out)
{
    struct timeval tv;
    struct tm tm;
    char s[64];

    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S", &tm);
    ds_put_format(out, "%s.%03d", s, (int) (tv.tv_usec / 1000));
}

/* Appends the time and caption lines of 'table', if it has them, to
 * 'out'. */
static void
table_put_preamble(const struct table *table, struct ds *out)
{
    if (table->timestamp) {
        table_put_timestamp(out);
        ds_put_char(out, '\n');
    }
    if (table->caption) {
        ds_put_format(out, "%s\n", table->caption);
    }
}

/* Appends 'line' to 'out' without its trailing spaces, then a new-line. */
static void
table_put_line(struct ds *out, struct ds *line)
{
    while (line->length > 0 && line->string[line->length - 1] == ' ') {
        line->length--;
    }
    ds_put_buffer(out, line->string ? line->string : "", line->length);
    ds_put_char(out, '\n');
    ds_clear(line);
}

/* Appends 'text' to 'line' left-justified in a field 'width' bytes wide,
 * truncating it if it is longer. */
static void
table_put_field(struct ds *line, const char *text, size_t width)
{
    size_t len = strlen(text);

    if (len > width) {
        len = width;
    }
    ds_put_buffer(line, text, len);
    ds_put_char_multiple(line, ' ', width - len);
}

static void
table_format_table(const struct table *table, const struct table_style *style,
                   struct ds *out)
{
    size_t *widths = xcalloc(table->n_columns ? table->n_columns : 1,
                             sizeof *widths);
    struct ds line = DS_EMPTY_INITIALIZER;

    for (size_t x = 0; x < table->n_columns; x++) {
        size_t w = 0;

        for (size_t y = 0; y < table->n_rows; y++) {
            size_t cw = strlen(cell_text(table, y, x, style));
            w = MAX(w, cw);
        }
        if (style->max_column_width > 0
            && w > (size_t) style->max_column_width) {
            w = style->max_column_width;
        }
        if (style->headings) {
            w = MAX(w, strlen(table->columns[x]));
        }
        widths[x] = w;
    }

    table_put_preamble(table, out);
    if (style->headings) {
        for (size_t x = 0; x < table->n_columns; x++) {
            if (x) {
                ds_put_char(&line, ' ');
            }
            table_put_field(&line, table->columns[x], widths[x]);
        }
        table_put_line(out, &line);

        for (size_t x = 0; x < table->n_columns; x++) {
            if (x) {
                ds_put_char(&line, ' ');
            }
            ds_put_char_multiple(&line, '-', widths[x]);
        }
        table_put_line(out, &line);
    }
    for (size_t y = 0; y < table->n_rows; y++) {
        for (size_t x = 0; x < table->n_columns; x++) {
            if (x) {
                ds_put_char(&line, ' ');
            }
            table_put_field(&line, cell_text(table, y, x, style), widths[x]);
        }
        table_put_line(out, &line);
    }

    ds_destroy(&line);
    free(widths);
}

static void
table_format_list(const struct table *table, const struct table_style *style,
                  struct ds *out)
{
    table_put_preamble(table, out);
    for (size_t y = 0; y < table->n_rows; y++) {
        if (y > 0) {
            ds_put_char(out, '\n');
        }
        for (size_t x = 0; x < table->n_columns; x++) {
            const char *text = cell_text(table, y, x, style);
            if (style->headings) {
                ds_put_format(out, "%-20s: ", table->columns[x]);
            }
            ds_put_format(out, "%s\n", text);
        }
    }
}

/* Appends the first 'n' bytes of 's' to 'out' with the characters that are
 * special in HTML escaped. */
static void
table_escape_html(struct ds *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            ds_put_cstr(out, "&amp;");
            break;
        case '<':
            ds_put_cstr(out, "&lt;");
            break;
        case '>':
            ds_put_cstr(out, "&gt;");
            break;
        case '"':
            ds_put_cstr(out, "&quot;");
            break;
        default:
            ds_put_char(out, s[i]);
            break;
        }
    }
}

/* Returns true if the 36 bytes at 's' have the form of a UUID
 * ("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", hexadecimal digits). */
static bool
table_is_uuid_at(const char *s)
{
    for (int i = 0; i < UUID_LEN; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') {
                return false;
            }
        } else if (!isxdigit((unsigned char) s[i])) {
            return false;
        }
    }
    return true;
}

/* Appends the text of a cell in column 'heading' to 'out' as HTML: a
 * "_uuid" cell becomes an anchor named after the row, and every UUID in any
 * other cell becomes a link to such an anchor, showing the first 8
 * characters. */
static void
table_put_html_cell(struct ds *out, const char *heading, const char *text)
{
    if (!strcmp(heading, "_uuid")) {
        ds_put_cstr(out, "<a name=\"");
        table_escape_html(out, text, strlen(text));
        ds_put_cstr(out, "\">");
        table_escape_html(out, text, MIN(strlen(text), 8));
        ds_put_cstr(out, "</a>");
        return;
    }

    size_t len = strlen(text);
    size_t start = 0;
    for (size_t i = 0; i + UUID_LEN <= len; ) {
        if (table_is_uuid_at(&text[i])) {
            table_escape_html(out, &text[start], i - start);
            ds_put_cstr(out, "<a href=\"#");
            ds_put_buffer(out, &text[i], UUID_LEN);
            ds_put_cstr(out, "\">");
            ds_put_buffer(out, &text[i], 8);
            ds_put_cstr(out, "</a>");
            i += UUID_LEN;
            start = i;
        } else {
            i++;
        }
    }
    table_escape_html(out, &text[start], len - start);
}

static void
table_format_html(const struct table *table, const struct table_style *style,
                  struct ds *out)
{
    if (table->timestamp) {
        table_put_timestamp(out);
        ds_put_char(out, '\n');
    }
    ds_put_cstr(out, "<table border=1>\n");
    if (table->caption) {
        ds_put_cstr(out, "    <caption>");
        table_escape_html(out, table->caption, strlen(table->caption));
        ds_put_cstr(out, "</caption>\n");
    }
    if (style->headings) {
        ds_put_cstr(out, "  <tr>\n");
        for (size_t x = 0; x < table->n_columns; x++) {
            const char *heading = table->columns[x];
            ds_put_cstr(out, "    <th>");
            table_escape_html(out, heading, strlen(heading));
            ds_put_cstr(out, "</th>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }
    for (size_t y = 0; y < table->n_rows; y++) {
        ds_put_cstr(out, "  <tr>\n");
        for (size_t x = 0; x < table->n_columns; x++) {
            ds_put_cstr(out, "    <td>");
            table_put_html_cell(out, table->columns[x],
                                cell_text(table, y, x, style));
            ds_put_cstr(out, "</td>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }
    ds_put_cstr(out, "</table>\n");
}

/* Appends 'text' to 'out' as one CSV field, quoted if it needs to be. */
static void
table_put_csv_field(struct ds *out, const char *text)
{
    if (!strpbrk(text, "\n\",")) {
        ds_put_cstr(out, text);
        return;
    }
    ds_put_char(out, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            ds_put_char(out, '"');
        }
        ds_put_char(out, *p);
    }
    ds_put_char(out, '"');
}

static void
table_format_csv(const struct table *table, const struct table_style *style,
                 struct ds *out)
{
    table_put_preamble(table, out);
    if (style->headings) {
        for (size_t x = 0; x < table->n_columns; x++) {
            if (x) {
                ds_put_char(out, ',');
            }
            table_put_csv_field(out, table->columns[x]);
        }
        ds_put_char(out, '\n');
    }
    for (size_t y = 0; y < table->n_rows; y++) {
        for (size_t x = 0; x < table->n_columns; x++) {
            if (x) {
                ds_put_char(out, ',');
            }
            table_put_csv_field(out, cell_text(table, y, x, style));
        }
        ds_put_char(out, '\n');
    }
}

/* Returns 'table' as JSON. */
json_t *
table_to_json(const struct table *table,
              const struct table_style *style OVS_UNUSED)
{
    json_t *json = json_object_create();

    if (table->caption) {
        json_object_put_string(json, "caption", table->caption);
    }
    if (table->timestamp) {
        struct ds s = DS_EMPTY_INITIALIZER;
        table_put_timestamp(&s);
        json_object_put_string(json, "time", ds_cstr(&s));
        ds_destroy(&s);
    }

    json_t *headings = json_array_create_empty();
    for (size_t x = 0; x < table->n_columns; x++) {
        json_array_add(headings, json_string_create(table->columns[x]));
    }
    json_object_put(json, "headings", headings);

    json_t *data = json_array_create_empty();
    for (size_t y = 0; y < table->n_rows; y++) {
        json_t *row = json_array_create_empty();
        for (size_t x = 0; x < table->n_columns; x++) {
            const struct cell *cell = table_cell__(table, y, x);
            if (cell->text) {
                json_array_add(row, json_string_create(cell->text));
            } else if (cell->json) {
                /* Whatever the cell format, JSON output keeps cells in
                 * their JSON form, as upstream does. */
                json_array_add(row, json_clone(cell->json));
            } else {
                json_array_add(row, json_null_create());
            }
        }
        json_array_add(data, row);
    }
    json_object_put(json, "data", data);
    return json;
}

static void
table_format_json(const struct table *table, const struct table_style *style,
                  struct ds *out)
{
    json_t *json = table_to_json(table, style);
    json_to_ds(json, style->json_flags, out);
    ds_put_char(out, '\n');
    json_decref(json);
}

/* Appends 'table' to 'out' in 'style'. */
void
table_format(const struct table *table, const struct table_style *style,
             struct ds *out)
{
    switch (style->format) {
    case TF_TABLE:
        if (n_tables_printed++ > 0) {
            ds_put_char(out, '\n');
        }
        table_format_table(table, style, out);
        break;

    case TF_LIST:
        if (n_tables_printed++ > 0) {
            ds_put_char(out, '\n');
        }
        table_format_list(table, style, out);
        break;

    case TF_HTML:
        table_format_html(table, style, out);
        break;

    case TF_CSV:
        if (n_tables_printed++ > 0) {
            ds_put_char(out, '\n');
        }
        table_format_csv(table, style, out);
        break;

    case TF_JSON:
        table_format_json(table, style, out);
        break;

    default:
        OVS_NOT_REACHED();
    }
}

/* Forgets the tables printed so far, so that the next one is not preceded
 * by a blank line. */
void
table_format_reset(void)
{
    n_tables_printed = 0;
}

/* Prints 'table' to stdout in 'style' and flushes stdout, so that a
 * program that prints tables as events happen (ovsdb-client's monitors)
 * shows each one at once even when stdout is a file or a pipe. */
void
table_print(const struct table *table, const struct table_style *style)
{
    struct ds out = DS_EMPTY_INITIALIZER;

    table_format(table, style, &out);
    fputs(ds_cstr(&out), stdout);
    fflush(stdout);
    ds_destroy(&out);
}

void
table_parse_format(struct table_style *style, const char *format)
{
    if (!strcmp(format, "table")) {
        style->format = TF_TABLE;
    } else if (!strcmp(format, "list")) {
        style->format = TF_LIST;
    } else if (!strcmp(format, "html")) {
        style->format = TF_HTML;
    } else if (!strcmp(format, "csv")) {
        style->format = TF_CSV;
    } else if (!strcmp(format, "json")) {
        style->format = TF_JSON;
    } else {
        ovs_fatal(0, "unknown output format \"%s\"", format);
    }
}

void
table_parse_cell_format(struct table_style *style, const char *format)
{
    if (!strcmp(format, "string")) {
        style->cell_format = CF_STRING;
    } else if (!strcmp(format, "bare")) {
        style->cell_format = CF_BARE;
    } else if (!strcmp(format, "json")) {
        style->cell_format = CF_JSON;
    } else {
        ovs_fatal(0, "unknown data format \"%s\"", format);
    }
}

void
table_usage(void)
{
    printf("\nOutput formatting options:\n"
           "  -f, --format=FORMAT         output as FORMAT: \"table\","
           " \"list\", \"html\",\n"
           "                              \"csv\", or \"json\"\n"
           "  -d, --data=FORMAT           print cells as FORMAT: "
           "\"string\", \"bare\",\n"
           "                              or \"json\"\n"
           "  --no-headings               leave out the column headings\n"
           "  --pretty                    indent JSON output\n"
           "  --bare                      same as --format=list "
           "--data=bare --no-headings\n"
           "  --max-column-width=N        truncate table cells to N "
           "characters\n");
}
