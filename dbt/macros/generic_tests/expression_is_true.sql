{#-
    Fails for every row where `expression` is false. A null result passes (as in dbt_utils):
    missing values are the business of not_null tests. With a column, the expression is
    appended to the column name, e.g. expression: ">= 0".
-#}
{% test expression_is_true(model, expression, column_name=none) %}
    select *
    from {{ model }}
    {%- if column_name is none %}
    where not ({{ expression }})
    {%- else %}
    where not ({{ column_name }} {{ expression }})
    {%- endif %}
{% endtest %}
