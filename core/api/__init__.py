"""The REST API's shared machinery. Each app's api/views.py only declares a queryset, a
serializer and its FilterSet; everything a request goes through lives here: who may read
(`visible_to`) and change (`editable_by`) what, model validation, history, ETags,
problem documents, pagination, CSV, tokens and throttling."""
