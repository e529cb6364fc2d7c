{#-
    Rounds an aggregate to the precision declared for its unit (var unit_decimals in
    dbt_project.yml; default_decimals for a unit not listed), so that the figure compared with
    thresholds and published does not depend on the order in which a parallel engine summed
    the values: two builds from the same inputs give the same rows, byte for byte.

    expression  SQL expression of the value (an aggregate, a ratio, a phased target)
    unit        SQL expression giving the unit code (e.g. the KPI's or indicator's unit column),
                or a quoted literal such as "'percent'"
-#}
{% macro round_to_unit(expression, unit) -%}
    {%- set decimals = var('unit_decimals') -%}
    case {{ unit }}
    {%- for unit_code, places in decimals.items() | sort %}
        when '{{ unit_code }}' then {{ round_to_decimals(expression, places) }}
    {%- endfor %}
        else {{ round_to_decimals(expression, var('default_decimals')) }}
    end
{%- endmacro %}

{#- round(value, places) on a double, for every adapter (PostgreSQL rounds numerics only). -#}
{% macro round_to_decimals(expression, places) -%}
    {{ return(adapter.dispatch('round_to_decimals', 'spf_warehouse')(expression, places)) }}
{%- endmacro %}

{#- Rounded as a decimal on every engine: a double such as 4.275 is 4.27499… in binary, and
    rounding the binary value (DuckDB) or the decimal one (PostgreSQL, Spark) would give 4.27 on
    one engine and 4.28 on the other. Through decimal(38, 10) every engine rounds 4.275 to 4.28. -#}
{% macro default__round_to_decimals(expression, places) -%}
    cast(round(cast({{ expression }} as decimal(38, 10)), {{ places }}) as {{ type_double() }})
{%- endmacro %}

{% macro postgres__round_to_decimals(expression, places) -%}
    cast(round(cast({{ expression }} as numeric), {{ places }}) as {{ type_double() }})
{%- endmacro %}
