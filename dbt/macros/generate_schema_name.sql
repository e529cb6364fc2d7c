{#-
    Use a model's custom schema verbatim (staging, intermediate, marts, dbt_test_failures)
    instead of dbt's default `<target_schema>_<custom_schema>` (e.g. main_marts). Models
    without a custom schema go to the target schema. BI and Dagster read `marts.*` by name.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
