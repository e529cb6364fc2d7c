-- Members' Customs statistics, one row per Member × year × indicator: the current value (the
-- latest received revision) in base units and, for currency indicators, in US dollars, with
-- the file it came from, its revision number and the plausibility flags. Values of Members that
-- did not belong to the WCO that year, and of the European Union, are kept but flagged: they do
-- not enter the aggregates (is_in_aggregates).

with

current_values as (

    select * from {{ ref('int_statistics__current') }}

),

member_years as (

    select * from {{ ref('int_member__versions_by_year') }}

),

final as (

    select

        ---------- ids
        cast(
            {{ dbt.concat([
                'current_values.member_code',
                "'|'",
                'cast(current_values.statistics_year as ' ~ dbt.type_string() ~ ')',
                "'|'",
                'current_values.indicator_code',
            ]) }} as {{ dbt.type_string() }}
        ) as statistics_key,
        cast(current_values.member_code as {{ dbt.type_string() }}) as member_code,
        cast(current_values.statistics_year as {{ dbt.type_bigint() }}) as statistics_year,
        cast(current_values.indicator_code as {{ dbt.type_string() }}) as indicator_code,
        cast(
            {{ dbt.concat([
                'member_years.member_code',
                "'|'",
                'cast(member_years.valid_from as ' ~ dbt.type_string() ~ ')',
            ]) }} as {{ dbt.type_string() }}
        ) as member_version_key,
        cast(member_years.region_code as {{ dbt.type_string() }}) as region_code,
        cast(member_years.is_country as {{ dbt.type_boolean() }}) as is_country,
        -- the two conditions of int_statistics__aggregates_by_scope, so that a drill-through
        -- filtered on is_in_aggregates adds up to the regional and headline figures
        cast(
            member_years.member_code is not null as {{ dbt.type_boolean() }}
        ) as is_member_that_year,
        cast(
            member_years.member_code is not null and member_years.is_country
            as {{ dbt.type_boolean() }}
        ) as is_in_aggregates,

        ---------- values
        cast(current_values.indicator_value as {{ type_double() }}) as indicator_value,
        cast(current_values.unit as {{ dbt.type_string() }}) as unit,
        cast(current_values.currency_code as {{ dbt.type_string() }}) as currency_code,
        cast(current_values.units_per_usd as {{ type_double() }}) as units_per_usd,
        cast(current_values.value_usd as {{ type_double() }}) as value_usd,
        cast(current_values.previous_year_value as {{ type_double() }}) as previous_year_value,

        ---------- as reported
        cast(current_values.value_as_reported as {{ dbt.type_string() }}) as value_as_reported,
        cast(current_values.unit_as_reported as {{ dbt.type_string() }}) as unit_as_reported,
        cast(current_values.scale_factor as {{ type_double() }}) as scale_factor,
        cast(current_values.footnote as {{ dbt.type_string() }}) as footnote,
        cast(current_values.member_as_reported as {{ dbt.type_string() }}) as member_as_reported,

        ---------- lineage
        cast(current_values.file_id as {{ dbt.type_string() }}) as source_file_id,
        cast(current_values.source_file_name as {{ dbt.type_string() }}) as source_file_name,
        cast(current_values.source_cell as {{ dbt.type_string() }}) as source_cell,
        cast(current_values.source_layout as {{ dbt.type_string() }}) as source_layout,
        cast(current_values.value_source as {{ dbt.type_string() }}) as value_source,
        cast(current_values.received_at as {{ dbt.type_timestamp() }}) as received_at,
        cast(current_values.revision_number as {{ dbt.type_bigint() }}) as revision_number,

        ---------- quality flags
        cast(current_values.is_out_of_range as {{ dbt.type_boolean() }}) as is_out_of_range,
        cast(current_values.is_negative_count as {{ dbt.type_boolean() }}) as is_negative_count,
        cast(
            current_values.is_percent_over_100 as {{ dbt.type_boolean() }}
        ) as is_percent_over_100,
        cast(current_values.is_yoy_jump as {{ dbt.type_boolean() }}) as is_yoy_jump,
        cast(
            current_values.is_missing_exchange_rate as {{ dbt.type_boolean() }}
        ) as is_missing_exchange_rate,
        cast(
            current_values.is_out_of_range
            or current_values.is_negative_count
            or current_values.is_percent_over_100
            or current_values.is_yoy_jump
            or current_values.is_missing_exchange_rate
            as {{ dbt.type_boolean() }}
        ) as has_quality_flag

    from current_values
    left join member_years
        on
            current_values.member_code = member_years.member_code
            and current_values.statistics_year = member_years.statistics_year

)

select * from final
