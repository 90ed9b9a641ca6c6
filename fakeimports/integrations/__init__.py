"""boto3 integration and the pytest plugin; both import botocore only when used."""
