{#-
    The reverse of to_utc_timestamp: convert a timestamp without time zone that holds a UTC
    instant (such as received_at) into the wall-clock time of the same instant in `tz` (an IANA
    name such as 'Europe/Brussels'), as a timestamp without time zone. Used to take the local
    calendar date of a UTC receipt time. Daylight saving time is handled by the database.
-#}
{% macro from_utc_timestamp(utc_timestamp, tz) -%}
    {{ return(adapter.dispatch('from_utc_timestamp', 'spf_warehouse')(utc_timestamp, tz)) }}
{%- endmacro %}

{#- DuckDB (ICU): timezone('UTC', timestamp) reads UTC -> timestamptz; timezone(tz, …) gives the
    naive wall-clock time in tz. -#}
{% macro default__from_utc_timestamp(utc_timestamp, tz) -%}
    timezone('{{ tz }}', timezone('UTC', {{ utc_timestamp }}))
{%- endmacro %}

{% macro duckdb__from_utc_timestamp(utc_timestamp, tz) -%}
    timezone('{{ tz }}', timezone('UTC', {{ utc_timestamp }}))
{%- endmacro %}

{#- PostgreSQL: timestamp AT TIME ZONE 'UTC' -> timestamptz; timestamptz AT TIME ZONE tz -> naive
    wall-clock time in tz. -#}
{% macro postgres__from_utc_timestamp(utc_timestamp, tz) -%}
    (({{ utc_timestamp }}) at time zone 'UTC') at time zone '{{ tz }}'
{%- endmacro %}

{% macro spark__from_utc_timestamp(utc_timestamp, tz) -%}
    from_utc_timestamp({{ utc_timestamp }}, '{{ tz }}')
{%- endmacro %}
