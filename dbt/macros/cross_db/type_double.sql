{#-
    8-byte floating point type. dbt.type_float() is not used because it renders `float`, which
    is a 4-byte REAL in DuckDB.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'spf_warehouse')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    {{ return('double precision') }}
{%- endmacro %}

{% macro duckdb__type_double() -%}
    {{ return('double') }}
{%- endmacro %}

{% macro postgres__type_double() -%}
    {{ return('double precision') }}
{%- endmacro %}

{% macro spark__type_double() -%}
    {{ return('double') }}
{%- endmacro %}
