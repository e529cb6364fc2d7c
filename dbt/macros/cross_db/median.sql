{#- Median of a numeric expression as an aggregate function (continuous, interpolated). -#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('median', 'spf_warehouse')(expression)) }}
{%- endmacro %}

{#- SQL standard ordered-set aggregate (PostgreSQL, DuckDB, Snowflake, …). -#}
{% macro default__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__median(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro postgres__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
