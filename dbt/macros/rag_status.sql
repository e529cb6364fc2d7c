{#-
    The one definition of the Red/Amber/Green rule of the KPI scorecard.

    value        the KPI's year-to-date value
    amber_level  the value that must be reached (higher_is_better) or not exceeded
                 (lower_is_better) to be green
    red_level    the value that must be reached / not exceeded to be amber rather than red
    direction    'higher_is_better' or 'lower_is_better'

    A value exactly at a threshold takes the better status. A missing value is grey; so is a
    KPI whose levels cannot be computed (no target for a percent_of_target KPI), because it
    cannot be rated. An unknown direction gives null (caught by the accepted_values test).
-#}
{% macro rag_status(value, amber_level, red_level, direction) -%}
    case
        when {{ value }} is null then 'grey'
        when {{ amber_level }} is null or {{ red_level }} is null then 'grey'
        when {{ direction }} = 'higher_is_better' then
            case
                when {{ value }} >= {{ amber_level }} then 'green'
                when {{ value }} >= {{ red_level }} then 'amber'
                else 'red'
            end
        when {{ direction }} = 'lower_is_better' then
            case
                when {{ value }} <= {{ amber_level }} then 'green'
                when {{ value }} <= {{ red_level }} then 'amber'
                else 'red'
            end
    end
{%- endmacro %}
