-- The current value of every Member × year × indicator (the latest received revision), with
-- the indicator's rules, the value in US dollars for currency indicators and the plausibility
-- flags. Exchange rates are units of the currency per US dollar: usd = value / rate. A missing
-- rate leaves the US dollar value empty and sets is_missing_exchange_rate; it is never guessed.

with

revisions as (

    select * from {{ ref('int_statistics__revisions') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

rates as (

    select * from {{ ref('stg_reference__exchange_rates') }}

),

current_values as (

    select * from revisions
    where is_current

),

converted as (

    select

        current_values.file_id,
        current_values.member_code,
        current_values.indicator_code,
        current_values.statistics_year,
        current_values.file_sha256,
        current_values.sheet_name,
        current_values.source_row,
        current_values.source_cell,
        current_values.source_layout,
        current_values.value_source,
        current_values.member_as_reported,
        current_values.indicator_value,
        current_values.value_as_reported,
        current_values.unit_as_reported,
        current_values.scale_factor,
        current_values.currency_code,
        current_values.footnote,
        current_values.loaded_at,
        current_values.source_file_name,
        current_values.received_at,
        current_values.revision_number,
        current_values.revision_count,
        current_values.is_current,
        indicators.unit,
        indicators.aggregation,
        indicators.min_value,
        indicators.max_value,
        indicators.may_be_negative,
        rates.units_per_usd,
        case
            when indicators.unit <> 'currency' then null
            when current_values.currency_code = 'USD' then current_values.indicator_value
            else current_values.indicator_value / nullif(rates.units_per_usd, 0)
        end as value_usd,
        coalesce(
            indicators.unit = 'currency'
            and coalesce(current_values.currency_code, '') <> 'USD'
            and rates.units_per_usd is null,
            false
        ) as is_missing_exchange_rate

    from current_values
    inner join indicators
        on current_values.indicator_code = indicators.indicator_code
    left join rates
        on
            current_values.currency_code = rates.currency_code
            and current_values.statistics_year = rates.rate_year

),

with_previous as (

    select

        converted.*,
        previous.indicator_value as previous_year_value

    from converted
    left join converted as previous
        on
            converted.member_code = previous.member_code
            and converted.indicator_code = previous.indicator_code
            and converted.statistics_year - 1 = previous.statistics_year

),

flagged as (

    select

        *,
        coalesce(
            indicator_value < min_value or indicator_value > max_value, false
        ) as is_out_of_range,
        coalesce(unit = 'count' and not may_be_negative and indicator_value < 0, false)
            as is_negative_count,
        coalesce(unit = 'percent' and indicator_value > 100, false) as is_percent_over_100,
        coalesce(
            previous_year_value > 0
            and indicator_value > 0
            and (
                indicator_value > previous_year_value * {{ var('statistics_yoy_factor', 10) }}
                or indicator_value * {{ var('statistics_yoy_factor', 10) }} < previous_year_value
            ),
            false
        ) as is_yoy_jump,
        case when unit = 'currency' then value_usd else indicator_value end as comparable_value

    from with_previous

)

select * from flagged
