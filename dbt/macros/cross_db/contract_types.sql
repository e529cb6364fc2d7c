{#-
    The marts' contracts declare DuckDB's type names (DOUBLE, VARCHAR, BIGINT, ...), the types BI
    tools see in the published DuckDB file. dbt checks a contract by casting null to each
    declared type (dbt.cast): on another warehouse, a DuckDB name it does not know is translated
    here, so the same project builds there unchanged.
-#}
{% macro warehouse_type(type) -%}
    {{ return(adapter.dispatch('warehouse_type', 'spf_warehouse')(type)) }}
{%- endmacro %}

{% macro default__warehouse_type(type) -%}
    {{ return(type) }}
{%- endmacro %}

{% macro postgres__warehouse_type(type) -%}
    {{ return({'double': 'double precision'}.get(type | trim | lower, type)) }}
{%- endmacro %}

{% macro spark__warehouse_type(type) -%}
    {{ return({'varchar': 'string'}.get(type | trim | lower, type)) }}
{%- endmacro %}

{% macro postgres__cast(field, type) -%}
    cast({{ field }} as {{ spf_warehouse.warehouse_type(type) }})
{%- endmacro %}

{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ spf_warehouse.warehouse_type(type) }})
{%- endmacro %}

{#- The table a contract creates on PostgreSQL: dbt's own DDL with the declared types translated. -#}
{% macro postgres__get_table_columns_and_constraints() -%}
    {{ return(spf_warehouse.columns_and_constraints_in_warehouse_types()) }}
{%- endmacro %}

{% macro spark__get_table_columns_and_constraints() -%}
    {{ return(spf_warehouse.columns_and_constraints_in_warehouse_types()) }}
{%- endmacro %}

{% macro columns_and_constraints_in_warehouse_types() %}
    {%- set columns = {} -%}
    {%- for name, column in model['columns'].items() -%}
        {%- set translated = column.copy() -%}
        {%- if column.get('data_type') -%}
            {%- do translated.update({'data_type': spf_warehouse.warehouse_type(column['data_type'])}) -%}
        {%- endif -%}
        {%- do columns.update({name: translated}) -%}
    {%- endfor -%}
    {%- set raw_column_constraints = adapter.render_raw_columns_constraints(raw_columns=columns) -%}
    {%- set raw_model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    (
    {% for c in raw_column_constraints -%}
        {{ c }}{{ "," if not loop.last or raw_model_constraints }}
    {% endfor %}
    {% for c in raw_model_constraints -%}
        {{ c }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{% endmacro %}
