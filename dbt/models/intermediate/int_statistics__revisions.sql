-- Every value ever accepted for a Member × year × indicator, with its revision number. Files
-- are ordered by when the office received them (received_at, copied from the file registry
-- onto every value at load), never by when they were loaded: a rebuilt warehouse loads the
-- archive in any order and must give the same answer. The latest received file is the current
-- value; earlier ones stay as history. Reading the registry itself would make every return
-- received rebuild the statistics models. A value a Member reported itself takes precedence
-- over one taken from open data (value_source external: a World Bank, WITS, UN Comtrade or
-- WTO download) for the same Member, year and indicator, whatever the order of receipt.

with

statistics_values as (

    select * from {{ ref('stg_statistics__values') }}

),

received as (

    select

        statistics_values.file_id,
        statistics_values.member_code,
        statistics_values.indicator_code,
        statistics_values.statistics_year,
        statistics_values.file_sha256,
        statistics_values.sheet_name,
        statistics_values.source_row,
        statistics_values.source_cell,
        statistics_values.source_layout,
        statistics_values.member_as_reported,
        statistics_values.indicator_value,
        statistics_values.value_as_reported,
        statistics_values.unit_as_reported,
        statistics_values.scale_factor,
        statistics_values.currency_code,
        statistics_values.footnote,
        statistics_values.loaded_at,
        statistics_values.source_file_name,
        statistics_values.received_at,
        -- the open-data layouts of ingestion/statistics/sources.py (LAYOUTS' shape names)
        case
            when statistics_values.source_layout in (
                'world_bank_databank', 'world_bank_wdi', 'wits', 'comtrade_legacy',
                'comtrade', 'wto_stats'
            ) then 'external'
            else 'member'
        end as value_source

    from statistics_values

),

ranked as (

    select

        *,
        row_number() over (
            partition by member_code, statistics_year, indicator_code
            order by
                case when value_source = 'member' then 1 else 0 end asc,
                received_at asc,
                file_sha256 asc
        ) as revision_number,
        count(*) over (
            partition by member_code, statistics_year, indicator_code
        ) as revision_count

    from received

),

final as (

    select

        *,
        revision_number = revision_count as is_current

    from ranked

)

select * from final
