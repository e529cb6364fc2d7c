-- One row per Customs statistics indicator of the register, with whether it feeds a Strategic
-- Plan KPI. That flag is derived from the KPI register (kpis.indicator_code), the one place
-- where a KPI names its indicator, so it can never disagree with the scorecard.

with

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

kpis as (

    select * from {{ ref('stg_reference__kpis') }}

),

kpis_by_indicator as (

    select
        indicator_code,
        count(*) as kpi_count,
        {{ dbt.listagg('kpi_code', "'; '", "order by kpi_code") }} as kpi_codes
    from kpis
    where indicator_code is not null
    group by indicator_code

),

final as (

    select

        ---------- keys
        cast(indicators.indicator_code as {{ dbt.type_string() }}) as indicator_code,

        ---------- text
        cast(indicators.name_en as {{ dbt.type_string() }}) as name_en,
        cast(indicators.name_fr as {{ dbt.type_string() }}) as name_fr,
        cast(indicators.definition_en as {{ dbt.type_string() }}) as definition_en,
        cast(indicators.definition_fr as {{ dbt.type_string() }}) as definition_fr,

        ---------- measurement
        cast(indicators.unit as {{ dbt.type_string() }}) as unit,
        cast(indicators.min_value as {{ type_double() }}) as min_value,
        cast(indicators.max_value as {{ type_double() }}) as max_value,
        cast(indicators.may_be_negative as {{ dbt.type_boolean() }}) as may_be_negative,
        cast(indicators.reference_period as {{ dbt.type_string() }}) as reference_period,

        ---------- regional aggregation
        cast(indicators.aggregation as {{ dbt.type_string() }}) as aggregation,
        cast(
            indicators.weight_indicator_code as {{ dbt.type_string() }}
        ) as weight_indicator_code,

        ---------- use
        cast(indicators.confidentiality as {{ dbt.type_string() }}) as confidentiality,
        cast(indicators.source_type as {{ dbt.type_string() }}) as source_type,
        cast(
            kpis_by_indicator.indicator_code is not null as {{ dbt.type_boolean() }}
        ) as feeds_kpi,
        cast(coalesce(kpis_by_indicator.kpi_count, 0) as {{ dbt.type_bigint() }}) as kpi_count,
        cast(kpis_by_indicator.kpi_codes as {{ dbt.type_string() }}) as kpi_codes

    from indicators
    left join kpis_by_indicator
        on indicators.indicator_code = kpis_by_indicator.indicator_code

)

select * from final
