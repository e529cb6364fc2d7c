-- Aggregates of Members' statistics by the indicator's rule, once for every WCO region
-- (scope_type 'region') and once for all Members together (scope_type 'overall', scope_code
-- 'ALL'), for each year and indicator. The one place where the rule is applied: the regional
-- mart and the KPI actuals both read it, so they cannot disagree.
-- Only Members that belonged to the WCO that year and are countries count (the European Union
-- is left out so that its Member States are not counted twice). Values are the current
-- revisions, currency indicators in US dollars (a value without an exchange rate counts as
-- reported, not in the aggregate). Rules: sum, mean, weighted_mean (weighted by the Member's
-- value of the weight indicator for the same year; Members without a weight are left out) or
-- median. A weighted mean counts (members_aggregated) only the Members with a weight. The
-- aggregate is rounded to the precision declared for the indicator's unit (round_to_unit).

with

current_values as (

    select * from {{ ref('int_statistics__current') }}

),

member_years as (

    select * from {{ ref('int_member__versions_by_year') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

country_values as (

    select

        current_values.member_code,
        member_years.region_code,
        current_values.statistics_year,
        current_values.indicator_code,
        -- exact decimals: a sum of doubles depends on the order a parallel engine adds them in
        -- (last digits of a 10^12 revenue total), and rounding cannot always hide that
        cast(current_values.comparable_value as {{ dbt.type_numeric() }}) as aggregation_value

    from current_values
    inner join member_years
        on
            current_values.member_code = member_years.member_code
            and current_values.statistics_year = member_years.statistics_year
    where member_years.is_country

),

weighted as (

    select

        country_values.member_code,
        country_values.region_code,
        country_values.statistics_year,
        country_values.indicator_code,
        country_values.aggregation_value,
        weights.aggregation_value as weight_value

    from country_values
    inner join indicators
        on country_values.indicator_code = indicators.indicator_code
    left join country_values as weights
        on
            indicators.weight_indicator_code = weights.indicator_code
            and country_values.member_code = weights.member_code
            and country_values.statistics_year = weights.statistics_year

),

-- each value counts once in its region and once in the whole
scoped as (

    select

        'region' as scope_type,
        region_code as scope_code,
        statistics_year,
        indicator_code,
        aggregation_value,
        weight_value

    from weighted

    union all

    select

        'overall' as scope_type,
        'ALL' as scope_code,
        statistics_year,
        indicator_code,
        aggregation_value,
        weight_value

    from weighted

),

aggregated as (

    select

        scope_type,
        scope_code,
        statistics_year,
        indicator_code,
        count(*) as members_reporting,
        count(aggregation_value) as members_with_value,
        -- a weighted mean uses only the Members that have both a value and a weight
        count(aggregation_value * weight_value) as members_weighted,
        sum(aggregation_value) as sum_value,
        avg(aggregation_value) as mean_value,
        sum(aggregation_value * weight_value)
        / nullif(
            sum(case when aggregation_value is not null then weight_value end), 0
        ) as weighted_mean_value,
        {{ median('aggregation_value') }} as median_value

    from scoped
    group by scope_type, scope_code, statistics_year, indicator_code

),

chosen as (

    select

        aggregated.scope_type,
        aggregated.scope_code,
        aggregated.statistics_year,
        aggregated.indicator_code,
        indicators.aggregation,
        indicators.unit,
        aggregated.members_reporting,
        case indicators.aggregation
            when 'weighted_mean' then aggregated.members_weighted
            else aggregated.members_with_value
        end as members_aggregated,
        case indicators.aggregation
            when 'sum' then aggregated.sum_value
            when 'mean' then aggregated.mean_value
            when 'weighted_mean' then aggregated.weighted_mean_value
            when 'median' then aggregated.median_value
        end as aggregate_value

    from aggregated
    inner join indicators
        on aggregated.indicator_code = indicators.indicator_code

),

-- rounded to the precision declared for the indicator's unit: a parallel sum adds the values
-- in no fixed order, and the last digits must not change from one build to the next
final as (

    select

        scope_type,
        scope_code,
        statistics_year,
        indicator_code,
        aggregation,
        members_reporting,
        members_aggregated,
        {{ round_to_unit('aggregate_value', 'unit') }} as aggregate_value

    from chosen

)

select * from final
