{#- One row per element of a delimited list, as a set-returning expression of a select list:
    select deliverable_code, {{ split_to_rows('focus_area_codes', ';') }} as focus_area_code
    A null list gives no row. Elements are not trimmed (registers store codes trimmed). -#}
{% macro split_to_rows(expression, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'spf_warehouse')(expression, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(expression, delimiter) -%}
    unnest(string_to_array({{ expression }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro duckdb__split_to_rows(expression, delimiter) -%}
    unnest(string_split({{ expression }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro postgres__split_to_rows(expression, delimiter) -%}
    unnest(string_to_array({{ expression }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro spark__split_to_rows(expression, delimiter) -%}
    explode(split({{ expression }}, '[{{ delimiter }}]'))
{%- endmacro %}
